namespace Fathom.Child.Wire;

/// <summary>
/// The line protocol a collector child writes on its stdout, one record per line:
/// "D\tINDEX\tJSON" defines a series once ({"n":name,"u":unit,"t":{tags}}), "S\tINDEX\tTIME_NS\tVALUE"
/// is a sample, "E\tJSON" an event, "T\tJSON" a status, "C\tRUNS\tFAILURES\tTIMEOUTS\tOVERRUNS\tLAST_US"
/// the child's run counters, followed by its last run (LAST_START_TICKS, LAST_RUN_US, ERROR last,
/// empty when it succeeded), RUNNING_SINCE_TICKS and NEXT_RUN_TICKS (UTC ticks, 0 for none), MANUAL_RUNS:
/// "C\tRUNS\tFAILURES\tTIMEOUTS\tOVERRUNS\tLAST_US\tLAST_START\tLAST_RUN_US\tRUNNING_SINCE\tNEXT_RUN\tMANUAL\tERROR";
/// "A\tSEQ\tRESULT" answers the parent's command number SEQ (started, busy or stopped).
/// Values are written round-trip ("R"), so nothing is lost in transit. The parent writes on the
/// child's stdin: the spec (one line of JSON), then commands, one a line: "R\tSEQ" runs now.
/// </summary>
public static class WireFormat
{
    public const char Define = 'D';
    public const char Sample = 'S';
    public const char Event = 'E';
    public const char Status = 'T';
    public const char Counters = 'C';
    public const char Answer = 'A';

    /// <summary>The parent's command on the child's stdin: run now, out of schedule ("R\tSEQ").</summary>
    public const char RunNow = 'R';

    /// <summary>An error text as one wire field: no tabs or line breaks; empty for none.</summary>
    public static string OneLine(string? text) =>
        text is null ? "" : text.Length == 0 ? " " : text.Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' ');
}
