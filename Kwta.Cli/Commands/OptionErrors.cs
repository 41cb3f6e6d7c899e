using System.CommandLine;

namespace Kwta.Cli.Commands;

/// <summary>The library names a wrong value by its parameter ("epsilon", ArgumentException.ParamName "WeightDecay");
/// the user typed an option. Code that checks options' values runs inside these, so its error names the option
/// first: "--eps: epsilon must be a finite number ≥ 0. …".</summary>
static class OptionErrors
{
    /// <summary>Runs <paramref name="check"/>; an error about a parameter that <paramref name="options"/> maps to an
    /// option is rethrown naming that option.</summary>
    public static T Naming<T>(IReadOnlyDictionary<string, Option> options, Func<T> check)
    {
        try
        {
            return check();
        }
        catch (ArgumentException e) when (e.ParamName is { } parameter && options.TryGetValue(parameter, out var option))
        {
            throw Named(option, e);
        }
    }

    public static void Naming(IReadOnlyDictionary<string, Option> options, Action check) => Naming(options, () =>
    {
        check();
        return true;
    });

    /// <summary>Runs <paramref name="read"/>, which reads only <paramref name="option"/>'s value: any error it throws names the option.</summary>
    public static T Naming<T>(Option option, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (ArgumentException e)
        {
            throw Named(option, e);
        }
    }

    static ArgumentException Named(Option option, ArgumentException e) => new($"{option.Name}: {CliErrors.WithoutParameterSuffix(e)}", e);
}
