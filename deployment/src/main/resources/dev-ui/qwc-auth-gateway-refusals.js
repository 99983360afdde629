import { LitElement, html, css } from 'lit';
import { JsonRpc } from 'jsonrpc';
import '@vaadin/grid';
import '@vaadin/button';

/** The last refusals, newest first, with the precise cause the log line gives (never a credential). */
export class QwcAuthGatewayRefusals extends LitElement {
    jsonRpc = new JsonRpc(this);

    static styles = css`
        :host { display: flex; flex-direction: column; gap: 10px; padding: 10px; height: 100%; }
        vaadin-grid { height: 100%; }
    `;

    static properties = { _refusals: { state: true } };

    connectedCallback() {
        super.connectedCallback();
        this._refresh();
        this._timer = setInterval(() => this._refresh(), 2000);
    }

    disconnectedCallback() {
        clearInterval(this._timer);
        super.disconnectedCallback();
    }

    _refresh() {
        this.jsonRpc.getRefusals().then(response => { this._refusals = response.result; });
    }

    render() {
        if (!this._refusals) {
            return html`<span>Loading the refusals...</span>`;
        }
        return html`
            <span>${this._refusals.length} recent refusal(s), newest first; refreshed every 2 s.</span>
            <vaadin-grid .items=${this._refusals} theme="row-stripes" class="refusals">
                <vaadin-grid-column path="time" header="Time" auto-width></vaadin-grid-column>
                <vaadin-grid-column path="method" header="Method" auto-width></vaadin-grid-column>
                <vaadin-grid-column path="path" header="Path" auto-width></vaadin-grid-column>
                <vaadin-grid-column path="status" header="Status" auto-width></vaadin-grid-column>
                <vaadin-grid-column path="code" header="Code" auto-width></vaadin-grid-column>
                <vaadin-grid-column path="policy" header="Policy" auto-width></vaadin-grid-column>
                <vaadin-grid-column path="cause" header="Cause"></vaadin-grid-column>
            </vaadin-grid>`;
    }
}
customElements.define('qwc-auth-gateway-refusals', QwcAuthGatewayRefusals);
