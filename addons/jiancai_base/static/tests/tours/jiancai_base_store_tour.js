import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("jiancai_base_store_tour", {
  steps: () => [
    {
      content: "Open the test store from the Stores kanban",
      trigger: ".o_kanban_record:contains('Test Store')",
      run: "click",
    },
    {
      content: "The store page shows its code and warehouse",
      trigger: ".o_form_view .o_field_widget[name=jiancai_store_code]:contains('T001')",
    },
    {
      content: "Open the Store tab",
      trigger: ".o_notebook a:contains('Store')",
      run: "click",
    },
    {
      content: "The showroom phone is there",
      trigger: ".o_field_widget[name=jiancai_phone]:contains('021-6438 1001')",
    },
    {
      content: "Share the store's public page",
      trigger: "button[name=action_jiancai_tracking_link]",
      run: "click",
    },
    {
      content: "The link is shown, ready to copy",
      trigger: ".modal .o_field_widget[name=url]:contains('/jc/t/')",
    },
  ],
});
