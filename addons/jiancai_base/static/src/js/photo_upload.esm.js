import {Interaction} from "@web/public/interaction";
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";

/**
 * Phone photo upload: fills the hidden position fields from the browser's location
 * and previews the chosen photo. The server still reads EXIF GPS first.
 */
export class JiancaiPhotoUpload extends Interaction {
  static selector = ".o_jiancai_photo_form";
  dynamicContent = {
    "input[type=file]": {"t-on-change": this.onFileChange},
  };

  setup() {
    this.status = this.el.querySelector(".o_jiancai_photo_location");
    if (!navigator.geolocation) {
      this.status.textContent = _t("No position: this browser cannot locate.");
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        this.el.querySelector("[name=latitude]").value = pos.coords.latitude;
        this.el.querySelector("[name=longitude]").value = pos.coords.longitude;
        this.el.querySelector("[name=accuracy]").value = pos.coords.accuracy;
        this.status.textContent = `${pos.coords.latitude.toFixed(5)}, ${pos.coords.longitude.toFixed(5)} (±${Math.round(pos.coords.accuracy)} m)`;
      },
      () => {
        this.status.textContent = _t("No position: location is off or refused.");
      },
      {enableHighAccuracy: true, timeout: 15000, maximumAge: 60000}
    );
  }

  onFileChange(ev) {
    const file = ev.target.files[0];
    const preview = this.el.querySelector(".o_jiancai_photo_preview");
    if (!file || !file.type.startsWith("image/")) {
      preview.classList.add("d-none");
      return;
    }
    preview.querySelector("img").src = URL.createObjectURL(file);
    preview.classList.remove("d-none");
  }
}

registry
  .category("public.interactions")
  .add("jiancai_base.photo_upload", JiancaiPhotoUpload);
