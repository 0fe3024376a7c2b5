namespace Fathom.Collectors.Status;

/// <summary>What an agent reports (its status_type): oper, admin, or oper/admin.</summary>
[Flags]
internal enum StatusKinds
{
    Oper = 1,
    Admin = 2,
    Both = Oper | Admin,
}
