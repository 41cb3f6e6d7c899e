using Kwta.Model.IO;
using Kwta.Model.Training;
using Kwta.Model.Persistence;
using Kwta.Reproduction.Tests.Support;

namespace Kwta.Reproduction.Tests.Components;

public class TrainingLogTests : ScratchDirectoryTest
{
    [Test]
    public void A_written_log_reads_back_with_the_values_it_was_written_with()
    {
        EpochRecord[] records = [new(1, 0.01, 0.41234, 0.87654, 0.98950, 151.2), new(2, 0.001, 0.3, 0.9, null, 149.0)];
        var path = Path.Combine(scratch, "log.csv");
        File.WriteAllText(path, EpochRecord.ToCsv(records));

        EpochRecord.ReadCsv(path).Should().Equal(records);
    }

    [Test]
    public void Every_shipped_training_log_reads()
    {
        var logs = Directory.GetFiles(Path.Combine(RepositoryLayout.Models, ModelPublisher.LogsFolder), "*.csv");
        logs.Should().NotBeEmpty();
        foreach (var log in logs) EpochRecord.ReadCsv(log).Should().NotBeEmpty(log).And.OnlyContain(r => r.TestAccuracy > 0.1, log);
    }

    [TestCase("epoch,loss\n1,0.5\n", "not a training log")]
    [TestCase("epoch,lr,train_loss,train_acc,test_acc,seconds\n1,0.01,x,0.9,0.9,10\n", "line 2: 'x' is not a number")]
    [TestCase("epoch,lr,train_loss,train_acc,test_acc,seconds\n1,0.01,0.5\n", "line 2: expected 6 fields, found 3")]
    public void A_malformed_log_is_rejected_with_its_file_and_line(string content, string problem)
    {
        var path = Path.Combine(scratch, "bad.csv");
        File.WriteAllText(path, content);

        var read = () => EpochRecord.ReadCsv(path);

        read.Should().Throw<FormatException>().Which.Message.Should().Contain(path).And.Contain(problem);
    }
}
