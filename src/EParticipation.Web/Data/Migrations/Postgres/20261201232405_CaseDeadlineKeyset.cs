using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EParticipation.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CaseDeadlineKeyset : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_QueueRank_DueOn",
                table: "Cases");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_QueueRank_DueOn_Id",
                table: "Cases",
                columns: new[] { "QueueRank", "DueOn", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_QueueRank_DueOn_Id",
                table: "Cases");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_QueueRank_DueOn",
                table: "Cases",
                columns: new[] { "QueueRank", "DueOn" });
        }
    }
}
