import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("jiancai_execution_rule_tour", {
  steps: () => [
    {
      content: "Write a new rule of the house",
      trigger: ".o_list_button_add",
      run: "click",
    },
    {
      content: "Name it",
      trigger: ".o_field_widget[name=name] input",
      run: "edit Tour: order sold under 10 % margin",
    },
    {
      content: "It watches sales orders",
      trigger: ".o_field_widget[name=model_id] input",
      run: "edit Sales Order",
    },
    {
      content: "Pick Sales Order",
      trigger: ".o-autocomplete--dropdown-item a:text(Sales Order)",
      run: "click",
    },
    {
      content: "A value below a threshold",
      trigger: ".o_field_widget[name=kind] input[data-value=threshold]",
      run: "click",
    },
    {
      content: "The value is the margin",
      trigger: ".o_field_widget[name=threshold_field_id] input",
      run: "edit Margin (%)",
    },
    {
      content: "Pick Margin (%)",
      trigger: ".o-autocomplete--dropdown-item a:contains('Margin (%)')",
      run: "click",
    },
    {
      content: "Under 10 %",
      trigger: ".o_field_widget[name=threshold_value] input",
      run: "edit 0.1",
    },
    {
      content: "Say what to do",
      trigger: ".o_field_widget[name=message] input",
      run: "edit Margin under 10 %: ask the store manager.",
    },
    {
      content: "Save",
      trigger: ".o_form_button_save",
      run: "click",
    },
    {
      content: "Saved: the rule evaluates on demand",
      trigger: ".o_form_saved button[name=action_evaluate]",
    },
  ],
});
