"""What "never autofill" means, checked on a parsed page (tests/page.py)."""
NOT_TYPED = ("hidden", "radio", "checkbox", "submit", "button", "image", "reset")


def typed_fields(page):
    return [e for e in page.root.walk() if e.tag in ("textarea", "select")
            or (e.tag == "input" and e.attrs.get("type", "text") not in NOT_TYPED)]


def assert_no_autofill(page):
    """Every field a person types into says autocomplete="off" itself, and so does its form: the
    form-level attribute alone leaves a field open to a browser that reads only the field's."""
    fields = typed_fields(page)
    assert fields, "no field to check"
    for element in fields:
        assert element.attrs.get("autocomplete") == "off", element.attrs
        form = element.parent
        while form is not None and form.tag != "form":
            form = form.parent
        assert form is not None and form.attrs.get("autocomplete") == "off", form and form.attrs
