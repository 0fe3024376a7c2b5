using System.Text;
using System.Text.RegularExpressions;

namespace Fathom.Core.Configuration.ConfigGeneral;

/// <summary>
/// Reads the lines of one file like the reference's _read: here-documents, C and # comments, trailing
/// backslash continuations, explicitly empty blocks and includes. Its state is per file, so an unterminated
/// here-document, continuation or C comment silently swallows the rest of that file, as in the reference.
/// </summary>
internal sealed class ConfigGeneralFileScanner(ConfigGeneralReader reader, string file)
{
    private readonly string _directory = PerlPath.DirectoryPart(file);
    private readonly List<string> _hereLines = [];
    private string? _hereName;
    private Regex? _hereEnd;
    private ConfigLocation _hereLocation;
    private bool _hereMalformed;
    private bool _inCComment;
    // A StringBuilder: a chain of continuation lines would otherwise be copied once per line (quadratic).
    private readonly StringBuilder _longLine = new();
    private ConfigLocation _longLocation;
    private bool _longMalformed;

    public void Scan(IEnumerable<SourceLine> lines)
    {
        foreach (var line in lines)
        {
            ScanLine(line);
        }
    }

    private void ScanLine(SourceLine source)
    {
        var location = new ConfigLocation(file, source.Number);
        var line = source.Text;
        if (PerlText.IsTrue(_hereName))
        {
            ContinueHereDoc(line, source.Malformed);
            return;
        }

        if (!SkipCComments(ref line))
        {
            return;
        }

        line = CgRegex.HashComment().Replace(line, "", 1);
        if (CgRegex.HashLine().IsMatch(line))
        {
            return;
        }

        if (CgRegex.Continuation().IsMatch(line))
        {
            if (_longLine.Length == 0)
            {
                _longLocation = location;
            }

            _longLine.Append(PerlText.TrimStart(line[..^1]));
            _longMalformed |= source.Malformed;
            return;
        }

        if (TryEmptyBlock(line, location, source.Malformed) || TryStartHereDoc(line, location, source.Malformed))
        {
            return;
        }

        if (_longLine.Length > 0 && !(_longLine.Length == 1 && _longLine[0] == '0'))
        {
            reader.Push(_longLine.Append(PerlText.TrimStart(line)).ToString(), _longLocation, _longMalformed || source.Malformed);
            _longLine.Clear();
            _longMalformed = false;
            return;
        }

        if (CgRegex.Blank().IsMatch(line))
        {
            return;
        }

        var include = IncludeTarget(line);
        if (!PerlText.IsTrue(include))
        {
            reader.Push(line, location, source.Malformed);
            return;
        }

        if (source.Malformed)
        {
            throw new ConfigException(location, "include line is not valid UTF-8");
        }

        reader.Include(include!, _directory, location);
    }

    /// <summary>Removes C comments; false when the whole line is inside one.</summary>
    private bool SkipCComments(ref string line)
    {
        var inline = CgRegex.InlineCComment().Match(line);
        if (inline.Success)
        {
            line = line.Remove(inline.Index, inline.Length);
        }
        else if (CgRegex.CCommentStart().IsMatch(line))
        {
            _inCComment = !CgRegex.CCommentEndAtEol().IsMatch(line);
        }
        else if (line.Contains("*/", StringComparison.Ordinal))
        {
            // The reference only warns about a "*/" without "/*" and drops everything up to it.
            _inCComment = false;
            line = CgRegex.CCommentTail().Replace(line, "", 1);
        }

        return !_inCComment;
    }

    /// <summary>&lt;name/&gt; becomes &lt;name&gt; and &lt;/name&gt;.</summary>
    private bool TryEmptyBlock(string line, ConfigLocation location, bool malformed)
    {
        var match = CgRegex.EmptyBlock().Match(line);
        if (!match.Success)
        {
            return false;
        }

        var name = CgRegex.FromWhitespace().Replace(match.Groups[1].Value, "", 1);
        reader.Push(CgRegex.EmptyBlockTail().Replace(line, ">", 1), location, malformed);
        reader.Push($"</{name}>", location, malformed);
        return true;
    }

    private bool TryStartHereDoc(string line, ConfigLocation location, bool malformed)
    {
        var match = CgRegex.HereDocEquals().Match(line);
        if (!match.Success)
        {
            match = CgRegex.HereDocSpace().Match(line);
        }

        if (!match.Success)
        {
            return false;
        }

        _hereName = match.Groups[1].Value;
        _hereEnd = CgRegex.HereDocEnd(match.Groups[2].Value);
        _hereLocation = location;
        _hereMalformed = malformed;
        return true;
    }

    private void ContinueHereDoc(string line, bool malformed)
    {
        var end = _hereEnd!.Match(line);
        if (!end.Success)
        {
            _hereLines.Add(line);
            _hereMalformed |= malformed;
            return;
        }

        // An indented end marker removes that indentation from every line (and ends each with "\n").
        var indent = end.Groups[1].Value;
        var text = new StringBuilder(_hereName).Append(' ').Append(ConfigGeneralReader.HereDocSeparator);
        if (indent.Length > 0)
        {
            foreach (var hereLine in _hereLines)
            {
                text.Append(hereLine.StartsWith(indent, StringComparison.Ordinal) ? hereLine[indent.Length..] : hereLine).Append('\n');
            }
        }
        else
        {
            text.AppendJoin('\n', _hereLines);
        }

        reader.Push(text.ToString(), _hereLocation, _hereMalformed);
        _hereLines.Clear();
        _hereName = null;
        _hereEnd = null;
        _hereMalformed = false;
    }

    private static string? IncludeTarget(string line)
    {
        var quoted = CgRegex.IncludeQuoted().Match(line);
        if (quoted.Success)
        {
            return quoted.Groups[2].Value;
        }

        var plain = CgRegex.Include().Match(line);
        return plain.Success ? plain.Groups[1].Value : null;
    }
}
