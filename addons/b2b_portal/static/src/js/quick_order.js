/** @odoo-module **/

import publicWidget from "@web/legacy/js/public/public_widget";
import { rpc } from "@web/core/network/rpc";
import { debounce } from "@web/core/utils/timing";

/**
 * SKU suggestions while typing in quick order: the server answers with the
 * products sold on the website; the browser's datalist shows them.
 */
publicWidget.registry.B2bQuickOrder = publicWidget.Widget.extend({
    selector: ".o_b2b_quick_order",
    events: {
        "input .o_b2b_qo_sku": "_onSkuInput",
    },

    init() {
        this._super(...arguments);
        this._lookup = debounce(this._lookup.bind(this), 250);
    },

    _onSkuInput(ev) {
        this._lookup(ev.currentTarget.value);
    },

    async _lookup(term) {
        const suggestions = await rpc("/shop/quick_order/lookup", { term });
        const datalist = this.el.querySelector("#b2b_sku_suggestions");
        datalist.replaceChildren(
            ...suggestions.map(({ sku, name }) => {
                const option = document.createElement("option");
                option.value = sku;
                option.label = name;
                return option;
            })
        );
    },
});
