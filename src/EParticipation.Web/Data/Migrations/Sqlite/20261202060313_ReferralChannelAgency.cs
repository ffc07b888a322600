using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EParticipation.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReferralChannelAgency : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AgencyId",
                table: "ComplaintChannels",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ComplaintChannels_AgencyId",
                table: "ComplaintChannels",
                column: "AgencyId");

            migrationBuilder.AddForeignKey(
                name: "FK_ComplaintChannels_Agencies_AgencyId",
                table: "ComplaintChannels",
                column: "AgencyId",
                principalTable: "Agencies",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ComplaintChannels_Agencies_AgencyId",
                table: "ComplaintChannels");

            migrationBuilder.DropIndex(
                name: "IX_ComplaintChannels_AgencyId",
                table: "ComplaintChannels");

            migrationBuilder.DropColumn(
                name: "AgencyId",
                table: "ComplaintChannels");
        }
    }
}
