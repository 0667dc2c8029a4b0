import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("jiancai_crm_lead_import", {
  steps: () => [
    {
      content: "The preview lists every row with its problem",
      trigger:
        ".o_field_one2many[name=line_ids] .o_data_row:contains('Bad phone number')",
    },
    {
      content: "A duplicate inside the file names the first row",
      trigger: ".o_data_row:contains('Same phone or flat as row')",
    },
    {
      content: "A customer of another store is rejected without naming them",
      trigger: ".o_data_row:contains('Already a customer of another store')",
    },
    {
      content: "Import the good rows",
      trigger: "button.o_jiancai_crm_import_button",
      run: "click",
    },
    {
      content: "The result says what was created and rejected",
      trigger: ".o_jiancai_crm_import_done:visible",
    },
  ],
});
