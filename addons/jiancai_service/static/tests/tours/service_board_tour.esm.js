import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("jiancai_service_board", {
  steps: () => [
    {
      content: "The board shows the booked job in the calendar",
      trigger: ".o_calendar_renderer .fc-event",
    },
    {
      content: "Switch to the kanban by technician",
      trigger: ".o_switch_view.o_kanban",
      run: "click",
    },
    {
      content: "A column per technician",
      trigger: ".o_kanban_group .o_kanban_record",
    },
  ],
});
