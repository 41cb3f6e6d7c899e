using System.CommandLine;
using System.CommandLine.Invocation;
using Kwta.Cli.Commands;
using Kwta.Model.Runtime;

// Before any tensor: freed buffers are reused within a batch instead of faulted back in every step.
NativeHeap.KeepFreedBuffers();

var root = new RootCommand("kwta: reproduce 'Enhancing Adversarial Defense by k-Winners-Take-All' (Xiao et al., ICLR 2020) and its student reproduction.")
{
    InfoCommand.Create(),
    AttackCommand.Create(),
    AccuracyCommand.Create(),
    FixturesCommand.Create(),
    ReproduceCommand.Create(),
    SelfTestCommand.Create(),
    TrainCommand.Create(),
    ExportCommand.Create(),
    SnapshotsCommand.Create(),
    BenchCommand.Create(),
    LedgerCommand.Create(),
};
var parse = root.Parse(args);
return parse.Action is ParseErrorAction ? UsageErrors.Report(parse) : parse.Invoke();
