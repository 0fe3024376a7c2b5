using System.Text.RegularExpressions;

namespace Fathom.Core.Configuration.ConfigGeneral;

/// <summary>The patterns Config::General 2.65 applies, with Perl's whitespace class.</summary>
internal static partial class CgRegex
{
    private const string S = PerlText.Ws;
    private const string NS = PerlText.NotWs;
    private const RegexOptions IgnoreCase = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    /// <summary>A C comment opened and closed on one line (first "/*" to last "*/"), with the space around it.</summary>
    [GeneratedRegex(S + @"*/\*.*\*/" + S + "*")]
    public static partial Regex InlineCComment();

    [GeneratedRegex("^" + S + @"*/\*")]
    public static partial Regex CCommentStart();

    [GeneratedRegex(@"\*/" + S + "*$")]
    public static partial Regex CCommentEndAtEol();

    [GeneratedRegex(@"^.*\*/")]
    public static partial Regex CCommentTail();

    [GeneratedRegex(@"(?<!\\)#.*$")]
    public static partial Regex HashComment();

    [GeneratedRegex("^" + S + "*#")]
    public static partial Regex HashLine();

    [GeneratedRegex(@"(?<!\\)\\$")]
    public static partial Regex Continuation();

    /// <summary>An explicitly empty block such as &lt;name/&gt; anywhere at the end of a line.</summary>
    [GeneratedRegex(S + @"*<([^/]+?.*?)/>" + S + "*$")]
    public static partial Regex EmptyBlock();

    [GeneratedRegex("/>$")]
    public static partial Regex EmptyBlockTail();

    [GeneratedRegex(S + S + "*.*$")]
    public static partial Regex FromWhitespace();

    [GeneratedRegex("^" + S + "*([^=]+?)" + S + "*=" + S + "*<<" + S + "*(.+?)" + S + "*$")]
    public static partial Regex HereDocEquals();

    [GeneratedRegex("^" + S + "*(" + NS + "+?)" + S + "+<<" + S + "*(.+?)" + S + "*$")]
    public static partial Regex HereDocSpace();

    [GeneratedRegex("^" + S + "*$")]
    public static partial Regex Blank();

    // The reference's pattern ends in a literal backslash (">>\\s*"), so this form almost never matches.
    [GeneratedRegex("^" + S + @"*<<include" + S + @"+([""'])(.+?)>>\\s*$", IgnoreCase)]
    public static partial Regex IncludeQuoted();

    [GeneratedRegex("^" + S + "*<<include" + S + "+(.+?)>>" + S + "*$", IgnoreCase)]
    public static partial Regex Include();

    [GeneratedRegex(@"[*?\[{\\]")]
    public static partial Regex GlobMeta();

    [GeneratedRegex(S + "*" + ConfigGeneralReader.HereDocSeparator + S + "*")]
    public static partial Regex HereDocSplit();

    [GeneratedRegex(S + "*=" + S + "*|" + S + "+")]
    public static partial Regex OptionSplit();

    [GeneratedRegex("^<([^/]+?.*?)>$")]
    public static partial Regex BlockStart();

    [GeneratedRegex("^</(.+?)>$")]
    public static partial Regex BlockEnd();

    [GeneratedRegex("^\"([^\"]+)\"$")]
    public static partial Regex QuotedBlock();

    [GeneratedRegex("^(?:\"([^\"]+)\"|(" + NS + "+))(?:" + S + "+(?:\"([^\"]+)\"|(.*)))?$")]
    public static partial Regex NamedBlock();

    [GeneratedRegex(@"\\([$\\""#])")]
    public static partial Regex Escaped();

    /// <summary>The end line of a here-document: optional indentation, the marker, optional space.</summary>
    public static Regex HereDocEnd(string marker) => new("^(" + S + "*)" + Regex.Escape(marker) + S + "*$");
}
