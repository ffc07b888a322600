using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EParticipation.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class CaseStatisticsFields : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "FirstResponseWorkingDays",
                table: "Cases",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ReceivedMonth",
                table: "Cases",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_Cases_AgencyId_ReceivedMonth",
                table: "Cases",
                columns: new[] { "AgencyId", "ReceivedMonth" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_AgencyId_ReceivedMonth",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "FirstResponseWorkingDays",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "ReceivedMonth",
                table: "Cases");
        }
    }
}
