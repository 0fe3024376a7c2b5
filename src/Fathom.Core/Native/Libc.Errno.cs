namespace Fathom.Core.Native;

/// <summary>errno values (asm-generic/errno*.h).</summary>
public static partial class Libc
{
    public const int EPerm = 1;
    public const int ESrch = 3;
    public const int EIntr = 4;
    public const int EChild = 10;
    public const int EAgain = 11;
    public const int EWouldBlock = EAgain;
    public const int EAcces = 13;
    public const int ENoNet = 64;
    public const int EProto = 71;
    public const int EMsgSize = 90;
    public const int ENoProtoOpt = 92;
    public const int EOpNotSupp = 95;
    public const int ENetUnreach = 101;
    public const int EConnRefused = 111;
    public const int EHostDown = 112;
    public const int EHostUnreach = 113;
}
