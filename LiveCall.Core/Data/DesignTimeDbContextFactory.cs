using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace LiveCall.Core.Data;

/// <summary>Used by `dotnet ef migrations add` only.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<LiveCallDbContext>
{
    public LiveCallDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<LiveCallDbContext>().UseSqlite("Data Source=design.db").Options);
}
