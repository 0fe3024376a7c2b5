namespace Fathom.Collectors.Common.Snmp.Ber;

/// <summary>The tags SNMPv2c messages use beyond the value types of <see cref="SnmpType"/>.</summary>
internal static class BerTag
{
    public const byte Integer = 0x02;
    public const byte OctetString = 0x04;
    public const byte Null = 0x05;
    public const byte ObjectIdentifier = 0x06;
    public const byte Sequence = 0x30;
    public const byte GetRequest = 0xA0;
    public const byte GetNextRequest = 0xA1;
    public const byte Response = 0xA2;
    public const byte SetRequest = 0xA3;
    public const byte GetBulkRequest = 0xA5;
    public const byte InformRequest = 0xA6;
    public const byte Trap = 0xA7;
    public const byte Report = 0xA8;
}
