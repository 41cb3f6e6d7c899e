using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kwta.Model.Persistence;

/// <summary>Writes a value as the text a user types for it (its ToString) and reads that text back with
/// <paramref name="parse"/>, so models.json and checkpoints hold "step:30,60", not the value's fields.
/// A text that does not parse is a <see cref="JsonException"/>, which the file's reader reports naming the file.</summary>
public abstract class TextFormJsonConverter<T>(Func<string, T> parse) : JsonConverter<T> where T : class
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString() ?? throw new JsonException($"expected a {typeof(T).Name} as text.");
        try
        {
            return parse(text);
        }
        catch (ArgumentException e)
        {
            // The file's reader names the file; the parse error's " (Parameter 'text')" would name our code.
            throw new JsonException(e.Message.Replace($" (Parameter '{e.ParamName}')", ""), e);
        }
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
