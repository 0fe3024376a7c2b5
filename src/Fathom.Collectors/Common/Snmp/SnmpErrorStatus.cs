namespace Fathom.Collectors.Common.Snmp;

/// <summary>The names RFC 3416 gives error-status values, for messages.</summary>
internal static class SnmpErrorStatus
{
    private static readonly string[] Names =
    [
        "noError", "tooBig", "noSuchName", "badValue", "readOnly", "genErr", "noAccess", "wrongType", "wrongLength",
        "wrongEncoding", "wrongValue", "noCreation", "inconsistentValue", "resourceUnavailable", "commitFailed",
        "undoFailed", "authorizationError", "notWritable", "inconsistentName",
    ];

    public static string Name(int status) => status >= 0 && status < Names.Length ? Names[status] : $"error-status {status}";
}
