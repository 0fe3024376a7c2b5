using System.Globalization;

namespace Fathom.Collectors.Snmp;

/// <summary>One 'interface' value: a name (matched against ifName, then ifDescr) or, when all digits, an ifIndex.</summary>
internal sealed record InterfaceSpec(string Text, uint? Index)
{
    public static InterfaceSpec Parse(string text) =>
        text.Length > 0 && text.All(char.IsAsciiDigit) && uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index > 0
            ? new InterfaceSpec(text, index)
            : new InterfaceSpec(text, null);
}
