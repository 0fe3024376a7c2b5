namespace Fathom.Collectors.Dns;

/// <summary>The 12-byte message header (RFC 1035 4.1.1).</summary>
internal readonly record struct DnsHeader(ushort Id, ushort Flags, ushort QuestionCount, ushort AnswerCount, ushort AuthorityCount, ushort AdditionalCount)
{
    public const int Size = 12;

    public bool IsResponse => (Flags & 0x8000) != 0;

    public bool Truncated => (Flags & 0x0200) != 0;

    public bool RecursionDesired => (Flags & 0x0100) != 0;

    public int Rcode => Flags & 0x000F;
}
