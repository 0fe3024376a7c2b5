namespace Fathom.Child.Wire;

/// <summary>
/// The line protocol a collector child writes on its stdout, one record per line:
/// "D\tINDEX\tJSON" defines a series once ({"n":name,"u":unit,"t":{tags}}), "S\tINDEX\tTIME_NS\tVALUE"
/// is a sample, "E\tJSON" an event, "T\tJSON" a status, "C\tRUNS\tFAILURES\tTIMEOUTS\tOVERRUNS\tLAST_US"
/// the child's run counters. Values are written round-trip ("R"), so nothing is lost in transit.
/// </summary>
public static class WireFormat
{
    public const char Define = 'D';
    public const char Sample = 'S';
    public const char Event = 'E';
    public const char Status = 'T';
    public const char Counters = 'C';
}
