using System.Text.RegularExpressions;

namespace Fathom.Core.Configuration.ConfigGeneral;

/// <summary>File::Spec::Unix path arithmetic, so include paths (and the "already read" check) match the reference.</summary>
internal static partial class PerlPath
{
    public static bool IsAbsolute(string path) => path.StartsWith('/');

    /// <summary>splitpath's directory part: everything up to the last "/" (a trailing "." or ".." stays in it).</summary>
    public static string DirectoryPart(string path)
    {
        var slash = path.LastIndexOf('/');
        if (slash < 0)
        {
            return "";
        }

        var rest = path[(slash + 1)..];
        return rest is "." or ".." ? path : path[..(slash + 1)];
    }

    /// <summary>canonpath: collapses "//" and "/./", drops a leading "./" and a trailing "/"; keeps "..".</summary>
    public static string CanonPath(string path)
    {
        path = MultipleSlashes().Replace(path, "/");
        path = DotSegments().Replace(path, "/");
        if (path != "./")
        {
            path = LeadingDots().Replace(path, "");
        }

        path = RootParents().Replace(path, "/");
        if (path == "/..")
        {
            path = "/";
        }

        if (path != "/" && path.EndsWith('/'))
        {
            path = path[..^1];
        }

        return path;
    }

    public static string CatFile(string directory, string file)
    {
        var dir = CanonPath(directory + "/");
        return (dir.EndsWith('/') ? dir : dir + "/") + CanonPath(file);
    }

    [GeneratedRegex("/{2,}")]
    private static partial Regex MultipleSlashes();

    [GeneratedRegex(@"(/\.)+(/|\z)")]
    private static partial Regex DotSegments();

    [GeneratedRegex(@"^(\./)+")]
    private static partial Regex LeadingDots();

    [GeneratedRegex(@"^/(\.\./)+")]
    private static partial Regex RootParents();
}
