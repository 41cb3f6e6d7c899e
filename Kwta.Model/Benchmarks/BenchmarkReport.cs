using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Kwta.Model.IO;

namespace Kwta.Model.Benchmarks;

/// <summary>A benchmark run as a Markdown table (median and min–max in ms, ratio to ReLU) and as CSV;
/// <paramref name="Title"/> says which benchmark (<see cref="KernelTitle"/> or <see cref="AttackTitle"/>).</summary>
public sealed record BenchmarkReport(BenchmarkSettings Settings, IReadOnlyList<BenchmarkRow> Rows, string Environment, string Title = BenchmarkReport.KernelTitle)
{
    public const string MarkdownFile = "kwta-bench.md", CsvFile = "kwta-bench.csv";
    public const string KernelTitle = "k-WTA kernel benchmark", AttackTitle = "Attack benchmark";

    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Library versions, cores, time and load: what a reader needs to judge the numbers.</summary>
    public static string DescribeEnvironment()
    {
        var load = File.Exists("/proc/loadavg") ? $", load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at the end" : "";
        return $"{Runtime.TorchVersions.Describe()}, " +
               $".NET {System.Environment.Version}, {RuntimeInformation.OSDescription.Trim()} {RuntimeInformation.OSArchitecture}, " +
               $"{System.Environment.ProcessorCount} logical cores{load}, {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", Invariant)} UTC";
    }

    IReadOnlyList<BenchmarkVariant> Variants => Rows[0].Timings.Select(t => t.Variant).ToList();

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine($"# {Title} ({KwtaBenchmark.Architecture})");
        text.AppendLine();
        text.AppendLine($"{KwtaBenchmark.Architecture}, batch {Settings.Batch}, k-WTA γ = {Settings.Sparsity.ToString(Invariant)}, " +
                                   $"{Settings.Threads} libtorch threads (torch.set_num_threads), {Settings.Warmup} warm-up + " +
                                   $"{Settings.Repeats} timed repetitions, each running every variant once (order rotated). Times: median (min–max) in ms. " +
                                   (Title == AttackTitle
                                       ? "Attack times are per image of the batch, Square's per image and query. "
                                       : $"Per-stage op times are per call ({KwtaBenchmark.OpCallsPerSample} calls per sample), the PGD step per image of the batch. ") +
                                   "Ratios: median over ReLU's median, from this run.");
        text.AppendLine();
        text.AppendLine(Environment);
        text.AppendLine();
        var kwta = Variants.Where(v => !v.IsBaseline).ToList();
        var header = new List<string> { "workload", "input", "ReLU" };
        foreach (var v in kwta) header.AddRange([v.Name, $"{v.Kernel} / ReLU"]);
        text.AppendLine($"| {string.Join(" | ", header)} |");
        text.AppendLine($"|{string.Concat(header.Select((_, i) => i < 2 ? "---|" : "---:|"))}");
        foreach (var row in Rows)
        {
            var cells = new List<string> { row.Workload, row.Input, Cell(row.Baseline) };
            foreach (var v in kwta)
                cells.AddRange([Cell(row.Timings.Single(t => t.Variant == v).Timing), Ratio(row.RatioToBaseline(v))]);
            text.AppendLine($"| {string.Join(" | ", cells)} |");
        }
        return text.ToString();
    }

    public string ToCsv()
    {
        var text = new StringBuilder();
        text.AppendLine("workload,input,variant,batch,sparsity,threads,repeats,median_ms,min_ms,max_ms,ratio_to_relu");
        foreach (var row in Rows)
            foreach (var (variant, timing) in row.Timings)
                text.AppendLine(string.Join(",", Quote(row.Workload), Quote(row.Input), Quote(variant.Name),
                    Settings.Batch.ToString(Invariant), Settings.Sparsity.ToString(Invariant), Settings.Threads.ToString(Invariant),
                    Settings.Repeats.ToString(Invariant), timing.Median.ToString("F4", Invariant), timing.Min.ToString("F4", Invariant),
                    timing.Max.ToString("F4", Invariant), row.RatioToBaseline(variant).ToString("F4", Invariant)));
        return text.ToString();
    }

    /// <summary>Writes <see cref="MarkdownFile"/> and <see cref="CsvFile"/> into <paramref name="directory"/>; returns their paths.</summary>
    public IReadOnlyList<string> Write(string directory)
    {
        var markdown = Path.Combine(directory, MarkdownFile);
        var csv = Path.Combine(directory, CsvFile);
        AtomicFile.WriteAllText(markdown, ToMarkdown());
        AtomicFile.WriteAllText(csv, ToCsv());
        return [markdown, csv];
    }

    static string Cell(Timing t) => $"{Milliseconds(t.Median)} ({Milliseconds(t.Min)}–{Milliseconds(t.Max)})";

    /// <summary>Three significant digits, so sub-millisecond ops and second-long steps read alike.</summary>
    static string Milliseconds(double ms) => ms switch
    {
        < 1 => ms.ToString("F3", Invariant),
        < 10 => ms.ToString("F2", Invariant),
        < 100 => ms.ToString("F1", Invariant),
        _ => ms.ToString("F0", Invariant),
    };

    static string Ratio(double r) => r.ToString(r < 10 ? "F2" : "F0", Invariant) + "×";

    static string Quote(string field) => field.Contains(',') || field.Contains('"') ? $"\"{field.Replace("\"", "\"\"")}\"" : field;
}
