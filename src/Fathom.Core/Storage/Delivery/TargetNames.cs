using System.Text;

namespace Fathom.Core.Storage.Delivery;

/// <summary>Stable target names: a <c>name</c> key is checked, one derived from type and location is made safe for a folder name.</summary>
internal static class TargetNames
{
    private const int MaxLength = 80;

    public static bool IsValid(string name) =>
        name.Length is > 0 and <= MaxLength && name[0] != '.' && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    /// <summary>"sqlite-var-lib-fathom-archive.db", "postgresql-db.example.org-5432-fathom": the same for the same block on every start.</summary>
    public static string Derive(string type, string target)
    {
        var b = new StringBuilder(type).Append('-');
        var dash = true;
        foreach (var c in target)
        {
            var ok = char.IsAsciiLetterOrDigit(c) || c is '.' or '_';
            if (ok)
            {
                b.Append(c);
                dash = false;
            }
            else if (!dash)
            {
                b.Append('-');
                dash = true;
            }
        }

        var name = b.ToString().TrimEnd('-');
        if (name.Length <= MaxLength)
        {
            return name;
        }

        // Too long for a folder name that reads well: keep the start and a stable hash of the whole.
        uint h = 2166136261;
        foreach (var c in target)
        {
            h = (h ^ c) * 16777619;
        }

        return $"{name[..(MaxLength - 9)]}-{h:x8}";
    }
}
