using System.Globalization;
using System.Text;

namespace Kwta.Model.Training;

/// <summary>One line of a run's CSV log.</summary>
public sealed record EpochRecord(int Epoch, double LearningRate, double TrainLoss, double TrainAccuracy,
                                 double? TestAccuracy, double Seconds)
{
    public const string CsvHeader = "epoch,lr,train_loss,train_acc,test_acc,seconds";

    public string ToCsv() => string.Create(CultureInfo.InvariantCulture,
        $"{Epoch},{LearningRate:G6},{TrainLoss:F5},{TrainAccuracy:F5},{(TestAccuracy is { } t ? t.ToString("F5", CultureInfo.InvariantCulture) : "")},{Seconds:F1}");

    /// <summary>Reads a log written by <see cref="ToCsv(IEnumerable{EpochRecord})"/>; errors name the file and line.</summary>
    public static IReadOnlyList<EpochRecord> ReadCsv(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: training log not found.", path);
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0] != CsvHeader)
            throw new FormatException($"{path}: not a training log (expected the header \"{CsvHeader}\").");
        return [.. lines.Skip(1).Where(l => l.Length > 0).Select((line, i) => Parse(line, path, i + 2))];
    }

    static EpochRecord Parse(string line, string path, int lineNumber)
    {
        var f = line.Split(',');
        int fields = CsvHeader.Split(',').Length;
        if (f.Length != fields) throw new FormatException($"{path}, line {lineNumber}: expected {fields} fields, found {f.Length}.");
        double Number(int i) => double.TryParse(f[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
            : throw new FormatException($"{path}, line {lineNumber}: '{f[i]}' is not a number.");
        return new EpochRecord((int)Number(0), Number(1), Number(2), Number(3), f[4].Length == 0 ? null : Number(4), Number(5));
    }

    public static string ToCsv(IEnumerable<EpochRecord> records)
    {
        var csv = new StringBuilder(CsvHeader).Append('\n');
        foreach (var r in records) csv.Append(r.ToCsv()).Append('\n');
        return csv.ToString();
    }
}
