/** @odoo-module **/

import { WebsiteSale } from "@website_sale/js/website_sale";

WebsiteSale.include({
    /**
     * Show the buyer's quantity breaks of the variant just selected.
     *
     * @override
     */
    _onChangeCombination(ev, $parent, combination) {
        const result = this._super(...arguments);
        const parent = $parent[0];
        const wrap = parent && parent.querySelector(".o_b2b_price_breaks_wrap");
        const priceEl = parent && parent.querySelector(".oe_price");
        if (wrap && priceEl && combination.b2b_breaks) {
            this._b2bRenderBreaks(wrap, priceEl, combination.b2b_breaks);
        }
        return result;
    },

    /**
     * @private
     * @param {HTMLElement} wrap the breaks table's container
     * @param {HTMLElement} priceEl the main price, cloned to format amounts
     * @param {Array} breaks [[min quantity, unit price, saving %], ...]
     */
    _b2bRenderBreaks(wrap, priceEl, breaks) {
        const table = wrap.querySelector("table");
        const rows = breaks.map(([quantity, price, saving], index) => {
            const next = breaks[index + 1];
            const quantityCell = document.createElement("td");
            quantityCell.textContent = next ? `${quantity}–${next[0] - 1}` : `${quantity}+`;
            const amount = priceEl.cloneNode(true);
            amount.classList.remove("oe_price");
            amount.querySelector(".oe_currency_value").textContent = this._priceToStr(price);
            const priceCell = document.createElement("td");
            priceCell.className = "text-end";
            priceCell.append(amount);
            const savingCell = document.createElement("td");
            savingCell.className = "text-end";
            savingCell.textContent = saving >= 0.5 ? `${Math.round(saving)} %` : "";
            const row = document.createElement("tr");
            row.append(quantityCell, priceCell, savingCell);
            return row;
        });
        table.querySelector("tbody").replaceChildren(...rows);
        table.classList.toggle("d-none", breaks.length < 2);
    },
});
