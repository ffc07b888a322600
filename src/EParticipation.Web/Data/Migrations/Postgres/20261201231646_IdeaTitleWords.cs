using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EParticipation.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class IdeaTitleWords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddUniqueConstraint(
                name: "AK_Ideas_Id_AgencyId",
                table: "Ideas",
                columns: new[] { "Id", "AgencyId" });

            migrationBuilder.CreateTable(
                name: "IdeaWordPairs",
                columns: table => new
                {
                    IdeaId = table.Column<int>(type: "integer", nullable: false),
                    AgencyId = table.Column<int>(type: "integer", nullable: false),
                    Pair = table.Column<string>(type: "character varying(121)", maxLength: 121, nullable: false),
                    WordCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IdeaWordPairs", x => new { x.IdeaId, x.AgencyId, x.Pair });
                    table.ForeignKey(
                        name: "FK_IdeaWordPairs_Ideas_IdeaId_AgencyId",
                        columns: x => new { x.IdeaId, x.AgencyId },
                        principalTable: "Ideas",
                        principalColumns: new[] { "Id", "AgencyId" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IdeaWords",
                columns: table => new
                {
                    IdeaId = table.Column<int>(type: "integer", nullable: false),
                    AgencyId = table.Column<int>(type: "integer", nullable: false),
                    Word = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Head = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    WordCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IdeaWords", x => new { x.IdeaId, x.AgencyId, x.Word });
                    table.ForeignKey(
                        name: "FK_IdeaWords_Ideas_IdeaId_AgencyId",
                        columns: x => new { x.IdeaId, x.AgencyId },
                        principalTable: "Ideas",
                        principalColumns: new[] { "Id", "AgencyId" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IdeaWordPairs_Pair_AgencyId_IdeaId_WordCount",
                table: "IdeaWordPairs",
                columns: new[] { "Pair", "AgencyId", "IdeaId", "WordCount" });

            migrationBuilder.CreateIndex(
                name: "IX_IdeaWords_Head_Word_AgencyId_IdeaId_WordCount",
                table: "IdeaWords",
                columns: new[] { "Head", "Word", "AgencyId", "IdeaId", "WordCount" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IdeaWordPairs");

            migrationBuilder.DropTable(
                name: "IdeaWords");

            migrationBuilder.DropUniqueConstraint(
                name: "AK_Ideas_Id_AgencyId",
                table: "Ideas");
        }
    }
}
