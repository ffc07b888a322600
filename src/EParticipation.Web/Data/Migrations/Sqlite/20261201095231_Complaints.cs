using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EParticipation.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Complaints : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ComplaintChannels",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    StoresNothing = table.Column<bool>(type: "INTEGER", nullable: false),
                    HandlesAr = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    HandlesEn = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    HowToReachAr = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    HowToReachEn = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    NameAr = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PrepareAr = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    PrepareEn = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ComplaintChannels", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ComplaintReferralCounts",
                columns: table => new
                {
                    RouteCode = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Month = table.Column<int>(type: "INTEGER", nullable: false),
                    ChannelCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ComplaintReferralCounts", x => new { x.RouteCode, x.Year, x.Month });
                });

            migrationBuilder.CreateTable(
                name: "ComplaintRoutes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    ParentId = table.Column<int>(type: "INTEGER", nullable: true),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Target = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ChannelId = table.Column<int>(type: "INTEGER", nullable: true),
                    AgencyId = table.Column<int>(type: "INTEGER", nullable: true),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    HintAr = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    HintEn = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    LabelAr = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    LabelEn = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ComplaintRoutes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ComplaintRoutes_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ComplaintRoutes_ComplaintChannels_ChannelId",
                        column: x => x.ChannelId,
                        principalTable: "ComplaintChannels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ComplaintRoutes_ComplaintRoutes_ParentId",
                        column: x => x.ParentId,
                        principalTable: "ComplaintRoutes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ComplaintChannels_Code",
                table: "ComplaintChannels",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ComplaintRoutes_AgencyId",
                table: "ComplaintRoutes",
                column: "AgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_ComplaintRoutes_ChannelId",
                table: "ComplaintRoutes",
                column: "ChannelId");

            migrationBuilder.CreateIndex(
                name: "IX_ComplaintRoutes_Code",
                table: "ComplaintRoutes",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ComplaintRoutes_ParentId_Order",
                table: "ComplaintRoutes",
                columns: new[] { "ParentId", "Order" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ComplaintReferralCounts");

            migrationBuilder.DropTable(
                name: "ComplaintRoutes");

            migrationBuilder.DropTable(
                name: "ComplaintChannels");
        }
    }
}
