namespace Fathom.Collectors.Script;

/// <summary>An influx field value: a number (floats, integers, unsigned, booleans as 1/0) or a string.</summary>
internal readonly record struct FieldValue(double Number, string? Text)
{
    public bool IsNumber => Text is null;
}
