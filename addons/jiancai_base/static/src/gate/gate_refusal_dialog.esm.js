import {Component} from "@odoo/owl";
import {Dialog} from "@web/core/dialog/dialog";
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";

/**
 * A refused business gate: the message of every rule, and the next step (e.g. "Ask for
 * approval") as a button when the refusal carries one.
 */
export class GateRefusalDialog extends Component {
  static template = "jiancai_base.GateRefusalDialog";
  static components = {Dialog};
  static props = ["*"];

  setup() {
    this.actionService = useService("action");
    const data = this.props.data || {};
    const context = data.context || {};
    this.title = _t("Not allowed yet");
    // Odoo 19 puts "Odoo Server Error" in props.message; the refusal is the exception's
    // argument (as web.WarningDialog reads it)
    this.message =
      (data.arguments && data.arguments[0]) || data.message || this.props.message;
    this.action = context.jiancai_action || false;
    this.actionLabel = context.jiancai_action_label || _t("Next step");
  }

  async onClick() {
    await this.actionService.doAction(this.action);
    this.props.close();
  }
}

registry
  .category("error_dialogs")
  .add("odoo.addons.jiancai_base.exceptions.GateRefusal", GateRefusalDialog);
