import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("jiancai_execution_dashboard_tour", {
  steps: () => [
    {
      content: "The owner opens the control points firing now",
      trigger:
        ".o_kanban_record:contains('Quotation not followed up (test)') .o_jiancai_execution_firing",
      run: "click",
    },
    {
      content: "The documents breaking the rule, to act on",
      trigger: ".o_list_view .o_data_row:contains('何志明 (test)')",
    },
    {
      content: "Back to the dashboard",
      trigger: ".o_breadcrumb .breadcrumb-item a",
      run: "click",
    },
    {
      content: "Then the violations the rule raised, by person",
      trigger:
        ".o_kanban_record:contains('Quotation not followed up (test)') a[name=action_view_violations]",
      run: "click",
    },
    {
      content: "One per guide",
      trigger: ".o_view_controller:contains('张伟 (test)')",
    },
    {
      content: "And the other guide's",
      trigger: ".o_view_controller:contains('Other guide')",
    },
  ],
});
