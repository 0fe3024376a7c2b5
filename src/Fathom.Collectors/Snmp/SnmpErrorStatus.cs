using System.Globalization;

namespace Fathom.Collectors.Snmp;

/// <summary>The error-status names of RFC 3416 §3, for messages.</summary>
internal static class SnmpErrorStatus
{
    private static readonly string[] Names =
    [
        "noError", "tooBig", "noSuchName", "badValue", "readOnly", "genErr", "noAccess", "wrongType", "wrongLength",
        "wrongEncoding", "wrongValue", "noCreation", "inconsistentValue", "resourceUnavailable", "commitFailed",
        "undoFailed", "authorizationError", "notWritable", "inconsistentName",
    ];

    public static string Name(int status) =>
        status >= 0 && status < Names.Length ? Names[status] : status.ToString(CultureInfo.InvariantCulture);
}
