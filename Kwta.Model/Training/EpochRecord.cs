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

    public static string ToCsv(IEnumerable<EpochRecord> records)
    {
        var csv = new StringBuilder(CsvHeader).Append('\n');
        foreach (var r in records) csv.Append(r.ToCsv()).Append('\n');
        return csv.ToString();
    }
}
