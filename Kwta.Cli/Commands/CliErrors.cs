using Kwta.Model.Data;
using Kwta.Model.Ledger;
using Kwta.Model.Persistence;
using Kwta.Model.Training;

namespace Kwta.Cli.Commands;

/// <summary>Turns the library's input errors into one readable line and exit code 1, instead of a stack trace.</summary>
static class CliErrors
{
    public const int ExitCode = 1;

    public static int Run(Action action)
    {
        try
        {
            action();
            return 0;
        }
        catch (Exception e) when (e is DataFormatException or ModelFileException or ArgumentException or IOException or UnauthorizedAccessException
                                       or CatastrophicOverfittingException or TrainingDivergedException
                                       or LedgerFormatException or StaleLedgerException or TamperedLedgerException or InvalidDataException)
        {
            Console.Error.WriteLine($"kwta: {OneLine(WithoutParameterSuffix(e))}");
            return ExitCode;
        }
    }

    /// <summary>ArgumentException appends " (Parameter 'name')" to its message; the CLI user named no parameter.</summary>
    public static string WithoutParameterSuffix(Exception e) =>
        e is ArgumentException { ParamName: { } name } ? e.Message.Replace($" (Parameter '{name}')", "") : e.Message;

    /// <summary>Every error is one line (ArgumentOutOfRangeException and System.CommandLine add lines of their own).</summary>
    public static string OneLine(string message) =>
        string.Join(' ', message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
