import {CharField, charField} from "@web/views/fields/char/char_field";
import {useChildRef, useService} from "@web/core/utils/hooks";
import {AutoComplete} from "@web/core/autocomplete/autocomplete";
import {registry} from "@web/core/registry";
import {useInputField} from "@web/views/fields/input_field_hook";

/** The key shades are compared on: what NFKC folds (full-width), no spaces, upper case. */
export function foldCode(text) {
  return (text || "").normalize("NFKC").replace(/\s+/g, "").toUpperCase();
}

/**
 * The pinned shade of a sale order line: a drop-down of the shades of the line's product
 * in stock (with caliber/grade groups and quantities); typing filters them. The server
 * refuses a shade that is not in stock, whatever is typed.
 */
export class ShadeField extends CharField {
  static template = "jiancai_lot.ShadeField";
  static components = {...CharField.components, AutoComplete};

  setup() {
    super.setup();
    this.orm = useService("orm");
    this.inputRef = useChildRef();
    useInputField({
      getValue: () => this.props.record.data[this.props.name] || "",
      parse: (value) => this.parse(value),
      ref: this.inputRef,
    });
  }

  get sources() {
    return [{options: (request) => this.loadShades(request)}];
  }

  async loadShades(request) {
    const product = this.props.record.data.product_id;
    if (!product || !product.id) {
      return [];
    }
    const company = this.props.record.data.company_id;
    const choices = await this.orm.call("sale.order.line", "jiancai_shade_choices", [
      product.id,
      (company && company.id) || false,
    ]);
    const typed = foldCode(request);
    return choices
      .filter(([shade]) => !typed || foldCode(shade).includes(typed))
      .map(([shade, groups]) => ({
        cssClass: "o_jiancai_lot_shade_option",
        label: `${shade} · ${groups}`,
        onSelect: () => this.props.record.update({[this.props.name]: shade}),
      }));
  }
}

export const shadeField = {
  ...charField,
  component: ShadeField,
};

registry.category("fields").add("jiancai_shade", shadeField);
