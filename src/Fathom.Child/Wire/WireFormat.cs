namespace Fathom.Child.Wire;

/// <summary>
/// The line protocol a collector child writes on its stdout, one record per line:
/// "D\tINDEX\tJSON" defines a series once ({"n":name,"u":unit,"t":{tags}}), "S\tINDEX\tTIME_NS\tVALUE"
/// is a sample, "E\tJSON" an event, "T\tJSON" a status, "C\tRUNS\tFAILURES\tTIMEOUTS\tOVERRUNS\tLAST_US"
/// the child's run counters, followed by its last run (LAST_START_TICKS, LAST_RUN_US, ERROR last,
/// empty when it succeeded), RUNNING_SINCE_TICKS and NEXT_RUN_TICKS (UTC ticks, 0 for none):
/// "C\tRUNS\tFAILURES\tTIMEOUTS\tOVERRUNS\tLAST_US\tLAST_START\tLAST_RUN_US\tRUNNING_SINCE\tNEXT_RUN\tERROR".
/// Values are written round-trip ("R"), so nothing is lost in transit.
/// </summary>
public static class WireFormat
{
    public const char Define = 'D';
    public const char Sample = 'S';
    public const char Event = 'E';
    public const char Status = 'T';
    public const char Counters = 'C';

    /// <summary>An error text as one wire field: no tabs or line breaks; empty for none.</summary>
    public static string OneLine(string? text) =>
        text is null ? "" : text.Length == 0 ? " " : text.Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' ');
}
