using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace Kwta.Cli.Commands;

/// <summary>A command line kwta cannot parse (unknown command or option, missing or malformed value): one line
/// naming what is wrong, in the user's words rather than .NET type names, and exit code 2.</summary>
static partial class UsageErrors
{
    public const int ExitCode = 2;

    public static int Report(ParseResult parse)
    {
        var message = string.Join("; ", parse.Errors.Select(e => Readable(CliErrors.OneLine(e.Message))));
        Console.Error.WriteLine($"kwta: {message.TrimEnd('.')}. See `{CommandPath(parse.CommandResult)} --help`.");
        return ExitCode;
    }

    static string CommandPath(CommandResult command)
    {
        var names = new List<string>();
        for (var c = command; c is not null; c = c.Parent as CommandResult)
            names.Insert(0, c.Parent is null ? "kwta" : c.Command.Name);
        return string.Join(' ', names);
    }

    /// <summary>"Cannot parse argument 'abc' for option '--eps' as expected type 'System.Nullable`1[System.Double]'." → "--eps: 'abc' is not a number."</summary>
    static string Readable(string message)
    {
        var match = UnparsableValue().Match(message);
        if (!match.Success) return message;
        var type = match.Groups["type"].Value;
        string expected = type.Contains("Double") || type.Contains("Single") ? "a number"
            : type.Contains("Int") ? "an integer"
            : type.Contains("Boolean") ? "true or false"
            : "valid here";
        return $"{match.Groups["option"].Value}: '{match.Groups["value"].Value}' is not {expected}";
    }

    [GeneratedRegex(@"Cannot parse argument '(?<value>.*)' for option '(?<option>[^']*)' as expected type '(?<type>[^']*)'")]
    private static partial Regex UnparsableValue();
}
