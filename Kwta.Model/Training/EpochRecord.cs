using System.Globalization;
using System.Text;

namespace Kwta.Model.Training;

/// <summary>One line of a run's CSV log. <see cref="Gamma"/> is k-WTA's γ of the epoch when a γ schedule ran;
/// <see cref="MonitorRobustAccuracy"/> the PGD accuracy on the monitored training images of adversarial training.</summary>
public sealed record EpochRecord(int Epoch, double LearningRate, double TrainLoss, double TrainAccuracy,
                                 double? TestAccuracy, double Seconds, double? Gamma = null, double? MonitorRobustAccuracy = null)
{
    public const string CsvHeader = "epoch,lr,train_loss,train_acc,test_acc,seconds,gamma,pgd_acc_monitor";

    /// <summary>The header of logs written before the γ and monitor columns; still read.</summary>
    const string FirstCsvHeader = "epoch,lr,train_loss,train_acc,test_acc,seconds";

    public string ToCsv() => string.Create(CultureInfo.InvariantCulture,
        $"{Epoch},{LearningRate:G6},{TrainLoss:F5},{TrainAccuracy:F5},{Optional(TestAccuracy, "F5")},{Seconds:F1},{Optional(Gamma, "G6")},{Optional(MonitorRobustAccuracy, "F5")}");

    static string Optional(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "";

    /// <summary>Reads a log written by <see cref="ToCsv(IEnumerable{EpochRecord})"/>; errors name the file and line.</summary>
    public static IReadOnlyList<EpochRecord> ReadCsv(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: training log not found.", path);
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0] is not (CsvHeader or FirstCsvHeader))
            throw new FormatException($"{path}: not a training log (expected the header \"{CsvHeader}\").");
        int fields = lines[0].Split(',').Length;
        return [.. lines.Skip(1).Where(l => l.Length > 0).Select((line, i) => Parse(line, fields, path, i + 2))];
    }

    static EpochRecord Parse(string line, int fields, string path, int lineNumber)
    {
        var f = line.Split(',');
        if (f.Length != fields) throw new FormatException($"{path}, line {lineNumber}: expected {fields} fields, found {f.Length}.");
        double Number(int i) => double.TryParse(f[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
            : throw new FormatException($"{path}, line {lineNumber}: '{f[i]}' is not a number.");
        double? Optional(int i) => i >= f.Length || f[i].Length == 0 ? null : Number(i);
        return new EpochRecord((int)Number(0), Number(1), Number(2), Number(3), Optional(4), Number(5), Optional(6), Optional(7));
    }

    public static string ToCsv(IEnumerable<EpochRecord> records)
    {
        var csv = new StringBuilder(CsvHeader).Append('\n');
        foreach (var r in records) csv.Append(r.ToCsv()).Append('\n');
        return csv.ToString();
    }
}
