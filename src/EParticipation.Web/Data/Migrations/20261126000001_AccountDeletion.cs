using EParticipation.Web.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EParticipation.Web.Data.Migrations;

/// <summary>
/// When a participant deleted their account. The row stays as an anonymous tombstone so their
/// contributions keep a valid author (PDPL: personal data erased, contributions anonymised).
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261126000001_AccountDeletion")]
public sealed class AccountDeletion : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<DateTime>(
            name: "DeletedAt",
            table: "AspNetUsers",
            nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "DeletedAt", table: "AspNetUsers");
    }
}
