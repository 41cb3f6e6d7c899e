using Kwta.Model.Data;
using Kwta.Model.Persistence;

namespace Kwta.Cli.Commands;

/// <summary>Turns the library's input errors into one readable line and exit code 1, instead of a stack trace.</summary>
static class CliErrors
{
    public static int Run(Action action)
    {
        try
        {
            action();
            return 0;
        }
        catch (Exception e) when (e is DataFormatException or ModelFileException or ArgumentException or IOException or UnauthorizedAccessException
                                       or Kwta.Model.Training.CatastrophicOverfittingException)
        {
            Console.Error.WriteLine($"kwta: {WithoutParameterSuffix(e)}");
            return 1;
        }
    }

    /// <summary>ArgumentException appends " (Parameter 'name')" to its message; the CLI user named no parameter.</summary>
    static string WithoutParameterSuffix(Exception e) =>
        e is ArgumentException { ParamName: { } name } ? e.Message.Replace($" (Parameter '{name}')", "") : e.Message;
}
