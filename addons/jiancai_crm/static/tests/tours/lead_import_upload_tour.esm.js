import {registry} from "@web/core/registry";
import {rpc} from "@web/core/network/rpc";

const SHEET = "leads_demo.xlsx";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * A browser cannot be made to pick a file in the system's dialog: the test leaves the
 * demo sheet as the user's own attachment, and this step puts its bytes in the file
 * input of the wizard's Excel field, as a pick in that dialog would.
 */
async function chooseDemoSheet(input) {
  const [attachment] = await rpc("/web/dataset/call_kw/ir.attachment/search_read", {
    model: "ir.attachment",
    method: "search_read",
    args: [[["name", "=", SHEET]], ["datas"]],
    kwargs: {limit: 1, order: "id desc"},
  });
  const bytes = Uint8Array.from(atob(attachment.datas), (c) => c.charCodeAt(0));
  const transfer = new DataTransfer();
  transfer.items.add(new File([bytes], SHEET, {type: XLSX}));
  input.files = transfer.files;
  input.dispatchEvent(new Event("change", {bubbles: true}));
}

registry.category("web_tour.tours").add("jiancai_crm_lead_import_upload", {
  steps: () => [
    {
      content: "The wizard asks for the Excel file",
      trigger: ".o_field_widget[name=file] input[type=file]:not(:visible)",
      run() {
        return chooseDemoSheet(this.anchor);
      },
    },
    {
      content: "The field shows the uploaded sheet's name",
      trigger: ".o_field_widget[name=file] input.o_input",
      run() {
        if (this.anchor.value !== SHEET) {
          throw new Error(`The file field shows "${this.anchor.value}"`);
        }
      },
    },
    {
      content: "Check the file",
      trigger: "button[name=action_preview]:contains('Check the File')",
      run: "click",
    },
    {
      content: "The preview lists the rows with their problems",
      trigger:
        ".o_field_one2many[name=line_ids] .o_data_row:contains('Bad phone number')",
    },
    {
      content: "A duplicate inside the file names the first row",
      trigger: ".o_data_row:contains('Same phone or flat as row')",
    },
    {
      content: "The good rows can now be imported",
      trigger: "button.o_jiancai_crm_import_button:visible",
    },
  ],
});
