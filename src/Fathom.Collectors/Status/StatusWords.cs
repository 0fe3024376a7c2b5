namespace Fathom.Collectors.Status;

/// <summary>The words of the states as configs, scripts and the archive write them (perfSONAR's).</summary>
internal static class StatusWords
{
    public static readonly string[] Oper = ["up", "degraded", "down", "unknown"];
    public static readonly string[] Admin = ["normaloperation", "maintenance", "troubleshooting", "underrepair", "unknown"];
    public static readonly string[] Kinds = ["oper", "admin", "oper/admin"];

    public static string Word(OperState state) => Oper[(int)state];

    public static string Word(AdminState state) => Admin[(int)state];

    public static bool TryOper(string text, out OperState state)
    {
        var i = Find(Oper, text);
        state = (OperState)Math.Max(i, 0);
        return i >= 0;
    }

    public static bool TryAdmin(string text, out AdminState state)
    {
        var i = Find(Admin, text);
        state = (AdminState)Math.Max(i, 0);
        return i >= 0;
    }

    public static bool TryKinds(string text, out StatusKinds kinds)
    {
        kinds = Find(Kinds, text) switch
        {
            0 => StatusKinds.Oper,
            1 => StatusKinds.Admin,
            2 => StatusKinds.Both,
            _ => 0,
        };
        return kinds != 0;
    }

    public static string Name(StatusKinds kinds) => kinds switch
    {
        StatusKinds.Oper => "oper",
        StatusKinds.Admin => "admin",
        _ => "oper/admin",
    };

    private static int Find(string[] words, string text)
    {
        for (var i = 0; i < words.Length; i++)
        {
            if (string.Equals(words[i], text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
