import {registry} from "@web/core/registry";

// The dispatcher opens the draft trip of the test truck on the board, plans it, and
// finds it in the Planned column.
registry.category("web_tour.tours").add("jiancai_dispatch_board_plan", {
  steps: () => [
    {
      content: "The board groups the trips by status",
      trigger:
        ".o_jiancai_dispatch_board .o_kanban_group .o_column_title:contains('Draft')",
    },
    {
      content: "Open the draft trip of the test truck",
      trigger:
        ".o_kanban_group:has(.o_column_title:contains('Draft')) .o_kanban_record:contains('T0001')",
      run: "click",
    },
    {
      content: "Its stops are listed",
      trigger: ".o_form_view .o_data_row:contains('徐丽华')",
    },
    {
      content: "Plan the trip",
      trigger: ".o_form_view button[name=action_jiancai_plan]",
      run: "click",
    },
    {
      content: "The trip is planned",
      trigger:
        ".o_form_view .o_field_widget[name=jiancai_trip_state]:contains('Planned')",
    },
    {
      content: "Back to the board",
      trigger: ".o_breadcrumb .o_back_button a, .o_breadcrumb li.breadcrumb-item a",
      run: "click",
    },
    {
      content: "The trip now sits in the Planned column",
      trigger:
        ".o_kanban_group:has(.o_column_title:contains('Planned')) .o_kanban_record:contains('T0001')",
    },
  ],
});
