using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EParticipation.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IdeaTitleTriples : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "IdeaWordTriples",
                columns: table => new
                {
                    IdeaId = table.Column<int>(type: "INTEGER", nullable: false),
                    AgencyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Triple = table.Column<string>(type: "TEXT", maxLength: 182, nullable: false),
                    WordCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IdeaWordTriples", x => new { x.IdeaId, x.AgencyId, x.Triple });
                    table.ForeignKey(
                        name: "FK_IdeaWordTriples_Ideas_IdeaId_AgencyId",
                        columns: x => new { x.IdeaId, x.AgencyId },
                        principalTable: "Ideas",
                        principalColumns: new[] { "Id", "AgencyId" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IdeaWordTriples_Triple_AgencyId_IdeaId_WordCount",
                table: "IdeaWordTriples",
                columns: new[] { "Triple", "AgencyId", "IdeaId", "WordCount" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IdeaWordTriples");
        }
    }
}
