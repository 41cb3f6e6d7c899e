using System.Security.Cryptography;
using System.Text;

namespace Kwta.Model.Ledger;

/// <summary>
/// What a ledger file was computed from. Its identity (<see cref="Attack"/>, <see cref="Images"/>, the model's and
/// the data's sha256) decides whether the file still describes the code and the models; <see cref="Machine"/>,
/// <see cref="Built"/> and <see cref="Shard"/> only say where, when and which part.
/// </summary>
/// <param name="Cell">SCALE/MODEL/ATTACK.</param>
/// <param name="Attack">The attack's full settings, as the attack describes itself (every step, seed and count).</param>
/// <param name="Images">The evaluated images' indices (<see cref="IndexRanges"/>).</param>
/// <param name="ModelSha256">sha256 of the model's weights file.</param>
/// <param name="DataSha256">sha256 of the evaluated data (every image's pixels and label, <see cref="LedgerData"/>).</param>
/// <param name="Machine">CPU and the numerics settings in force.</param>
/// <param name="Built">UTC time the cell was finished.</param>
/// <param name="Shard">"i/n" for one shard's part, empty for a whole cell.</param>
public sealed record LedgerHeader(string Cell, string Attack, string Images, string ModelSha256, string DataSha256,
                                  string Machine, string Built, string Shard = "")
{
    const string Magic = "# kwta ledger v1";

    /// <summary>The <see cref="Built"/> of a file still being built (a .partial file): it may lack images.</summary>
    public const string InProgress = "in progress";

    /// <summary>sha256 of the settings that decide the outcomes apart from the model and the data: the attack and the images.</summary>
    public string SettingsSha256 => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{Attack}\n{Images}")));

    /// <summary>Why this file no longer describes <paramref name="current"/>, one reason per changed input; empty if it does.</summary>
    public IReadOnlyList<string> StaleAgainst(LedgerHeader current)
    {
        var reasons = new List<string>();
        if (Attack != current.Attack) reasons.Add($"the attack's settings changed (ledger: {Attack}; code: {current.Attack})");
        if (Images != current.Images) reasons.Add($"the images changed (ledger: {Images}; now: {current.Images})");
        if (ModelSha256 != current.ModelSha256) reasons.Add($"the model's weights changed (sha256 {ModelSha256[..12]}… → {current.ModelSha256[..12]}…)");
        if (DataSha256 != current.DataSha256) reasons.Add($"the data changed (sha256 {DataSha256[..12]}… → {current.DataSha256[..12]}…)");
        return reasons;
    }

    public string Format() => new StringBuilder()
        .AppendLine(Magic)
        .AppendLine($"# cell: {Cell}")
        .AppendLine($"# attack: {Attack}")
        .AppendLine($"# images: {Images}")
        .AppendLine($"# settings-sha256: {SettingsSha256}")
        .AppendLine($"# model-sha256: {ModelSha256}")
        .AppendLine($"# data-sha256: {DataSha256}")
        .AppendLine($"# machine: {Machine}")
        .AppendLine($"# built: {Built}")
        .Append(Shard.Length > 0 ? $"# shard: {Shard}\n" : "")
        .ToString();

    /// <summary>Reads the header from the leading "# key: value" lines; <paramref name="path"/> names the file in errors.</summary>
    public static LedgerHeader Parse(IReadOnlyList<string> lines, string path)
    {
        if (lines.Count == 0 || lines[0] != Magic) throw new LedgerFormatException(path, 1, $"does not start with '{Magic}'.");
        var values = new Dictionary<string, string>();
        for (int i = 1; i < lines.Count; i++)
        {
            var parts = lines[i].TrimStart('#', ' ').Split(": ", 2);
            if (parts.Length != 2) throw new LedgerFormatException(path, i + 1, "expected '# key: value'.");
            values[parts[0]] = parts[1];
            // A shard line is checked here, so a later merge never meets one it cannot place.
            if (parts[0] == "shard")
            {
                try
                {
                    LedgerShard.Parse(parts[1]);
                }
                catch (ArgumentException e)
                {
                    throw new LedgerFormatException(path, i + 1, e.Message);
                }
            }
        }
        string Value(string key) => values.TryGetValue(key, out var v) ? v : throw new LedgerFormatException(path, 1, $"the header has no '{key}'.");
        var header = new LedgerHeader(Value("cell"), Value("attack"), Value("images"), Value("model-sha256"), Value("data-sha256"),
                                      Value("machine"), Value("built"), values.GetValueOrDefault("shard", ""));
        if (Value("settings-sha256") != header.SettingsSha256)
            throw new LedgerFormatException(path, 1, "settings-sha256 does not match the header's attack and images: the header was edited.");
        return header;
    }
}
