namespace Fathom.Collectors.Status;

/// <summary>What a script agent printed: its first status line (and how many more), and its first stderr lines for the failure reason.</summary>
internal sealed class ScriptAgentOutput
{
    private const int KeptErrors = 3;
    private const int MaxShown = 200;
    private readonly List<string> _errors = [];
    private string? _line;
    private int _lineNumber;
    private int _extra;

    public void Line(string line, int number)
    {
        var text = line.Trim();
        if (text.Length == 0 || text[0] == '#')
        {
            return;
        }

        if (_line is null)
        {
            (_line, _lineNumber) = (text, number);
        }
        else
        {
            _extra++;
        }
    }

    public void Error(string line)
    {
        if (_errors.Count < KeptErrors && line.Trim().Length > 0)
        {
            _errors.Add(Shorten(line.Trim()));
        }
    }

    public AgentReading Reading(StatusKinds kinds)
    {
        if (_line is null)
        {
            return AgentReading.Failed(kinds, "printed no status line" + ErrorText());
        }

        if (_extra > 0)
        {
            return AgentReading.Failed(kinds, $"printed {_extra + 1} status lines; one is expected (line {_lineNumber}: '{Shorten(_line)}')");
        }

        return ScriptStatusLine.TryParse(_line, kinds, out var reading, out var error)
            ? reading
            : AgentReading.Failed(kinds, $"line {_lineNumber} '{Shorten(_line)}': {error}");
    }

    public string ErrorText() => _errors.Count == 0 ? "" : "; stderr: " + string.Join(" | ", _errors);

    private static string Shorten(string text) => text.Length <= MaxShown ? text : text[..MaxShown] + "...";
}
