using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EParticipation.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CaseQueueRank : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_State_DueOn",
                table: "Cases");

            migrationBuilder.AddColumn<int>(
                name: "QueueRank",
                table: "Cases",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Cases stored before this migration get their place in the queue from their state
            // (Case.RankOf). Double-quoted names work on SQLite, PostgreSQL and SQL Server.
            migrationBuilder.Sql("UPDATE \"Cases\" SET \"QueueRank\" = CASE \"State\" WHEN 'Responded' THEN 1 WHEN 'Closed' THEN 2 ELSE 0 END;");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_AgencyId_QueueRank_DueOn_Id",
                table: "Cases",
                columns: new[] { "AgencyId", "QueueRank", "DueOn", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_QueueRank_DueOn",
                table: "Cases",
                columns: new[] { "QueueRank", "DueOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_AgencyId_QueueRank_DueOn_Id",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_QueueRank_DueOn",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "QueueRank",
                table: "Cases");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_State_DueOn",
                table: "Cases",
                columns: new[] { "State", "DueOn" });
        }
    }
}
