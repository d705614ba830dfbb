using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LiveCall.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class RingBudgets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Refusal",
                table: "Outbox",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CustomerBrowserKey",
                table: "Calls",
                type: "TEXT",
                maxLength: 44,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CustomerContactKey",
                table: "Calls",
                type: "TEXT",
                maxLength: 44,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CustomerNetworkKey",
                table: "Calls",
                type: "TEXT",
                maxLength: 44,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_Channel_CreatedUtc",
                table: "Outbox",
                columns: new[] { "Channel", "CreatedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_LocationId_CreatedUtc",
                table: "Outbox",
                columns: new[] { "LocationId", "CreatedUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Outbox_Channel_CreatedUtc",
                table: "Outbox");

            migrationBuilder.DropIndex(
                name: "IX_Outbox_LocationId_CreatedUtc",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "Refusal",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "CustomerBrowserKey",
                table: "Calls");

            migrationBuilder.DropColumn(
                name: "CustomerContactKey",
                table: "Calls");

            migrationBuilder.DropColumn(
                name: "CustomerNetworkKey",
                table: "Calls");
        }
    }
}
