namespace Fathom.Collectors.Common.Snmp.Ber;

/// <summary>OBJECT IDENTIFIER contents (X.690 §8.19): base-128 sub-identifiers, the first two arcs folded into one.</summary>
internal static class BerOid
{
    /// <summary>Validates the contents completely, then allocates the arcs (at most <see cref="Oid.MaxLength"/>).</summary>
    public static bool TryRead(ReadOnlySpan<byte> content, out Oid oid)
    {
        oid = default;
        if (content.IsEmpty || (content[^1] & 0x80) != 0)
        {
            return false;
        }

        var count = 1;
        var atStart = true;
        ulong arc = 0;
        foreach (var b in content)
        {
            if (atStart && b == 0x80)
            {
                // A leading 0x80 pads a sub-identifier: not minimal.
                return false;
            }

            arc = (arc << 7) | (uint)(b & 0x7F);
            if (arc > uint.MaxValue)
            {
                return false;
            }

            atStart = (b & 0x80) == 0;
            if (atStart)
            {
                count++;
                arc = 0;
            }
        }

        if (count > Oid.MaxLength)
        {
            return false;
        }

        var arcs = new uint[count];
        var index = 1;
        uint value = 0;
        foreach (var b in content)
        {
            value = (value << 7) | (uint)(b & 0x7F);
            if ((b & 0x80) != 0)
            {
                continue;
            }

            if (index == 1)
            {
                (arcs[0], arcs[1]) = value < 40 ? (0u, value) : value < 80 ? (1u, value - 40) : (2u, value - 80);
                index = 2;
            }
            else
            {
                arcs[index++] = value;
            }

            value = 0;
        }

        oid = Oid.Own(arcs);
        return true;
    }

    /// <summary>Length of the contents of <paramref name="oid"/>.</summary>
    public static int Length(Oid oid)
    {
        var arcs = oid.Arcs;
        var length = SubIdentifierLength((arcs[0] * 40) + arcs[1]);
        for (var i = 2; i < arcs.Length; i++)
        {
            length += SubIdentifierLength(arcs[i]);
        }

        return length;
    }

    /// <summary>Writes the contents backwards (the writer builds from the end).</summary>
    public static void WriteReversed(ref BerWriter writer, Oid oid)
    {
        var arcs = oid.Arcs;
        for (var i = arcs.Length - 1; i >= 2; i--)
        {
            WriteSubIdentifier(ref writer, arcs[i]);
        }

        WriteSubIdentifier(ref writer, (arcs[0] * 40) + arcs[1]);
    }

    private static int SubIdentifierLength(uint value)
    {
        var length = 1;
        while ((value >>= 7) != 0)
        {
            length++;
        }

        return length;
    }

    private static void WriteSubIdentifier(ref BerWriter writer, uint value)
    {
        writer.Prepend((byte)(value & 0x7F));
        while ((value >>= 7) != 0)
        {
            writer.Prepend((byte)(0x80 | (value & 0x7F)));
        }
    }
}
