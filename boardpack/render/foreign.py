"""Foreign PDF appendices made readable inside the tagged pack.

Each foreign page is drawn from a form XObject under the page Typst reserved for it (see pdf.py). A screen
reader follows the pack's structure tree, so the appendix must be in it:

- a tagged appendix keeps its own structure: its elements are copied into the pack's tree at the appendix's
  place, in a section titled with the appendix's heading, and each of its marked-content references points
  into the form that draws its page (an MCR with /Stm; the form's /StructParents entry in the parent tree
  leads back to the elements);
- an untagged appendix cannot be read as text, so each of its pages is a Figure whose alternative text
  names the appendix and the page and says that it is not accessible (`check` warns of it too).

Annotations of the foreign pages are not copied, so their OBJR references are left out.
"""

from __future__ import annotations

from dataclasses import dataclass

import pikepdf
from pikepdf import Array, Dictionary, Name, String

UNTAGGED_NOTE = (
    "it was supplied as a PDF without the tags that let a screen reader read it; ask the clerk for an accessible copy"
)
_COPIED = ("/Alt", "/ActualText", "/Lang", "/T", "/E", "/C")
MAX_DEPTH = 200


@dataclass
class Placed:
    """A foreign page laid in: the pack's page and the form XObject drawing the foreign page on it."""

    page: pikepdf.Page
    form: pikepdf.Object


class Grafter:
    """The pack's structure tree as its appendices are grafted into it: one for all of a pack's appendices, so that
    what it reads of the pack (the MCIDs its pages use, the order of its pages, where its elements start) is read
    once, not once an appendix."""

    def __init__(self, target: pikepdf.Pdf) -> None:
        self.target = target
        self.tree = target.Root.StructTreeRoot
        self.next_key = int(self.tree.get("/ParentTreeNextKey", 0))
        self.parent_tree = self.tree.ParentTree
        if "/Nums" not in self.parent_tree:
            self.parent_tree.Nums = Array()
        self.used: dict[int, int] | None = None  # the MCIDs each of the pack's own content streams uses, by key
        self.pages = {page.obj.objgen: index for index, page in enumerate(target.pages)}
        self.starts: dict[tuple[int, int], int | None] = {}  # the first page of each of the pack's own elements

    def add_parent_entry(self, owners: dict[int, pikepdf.Object]) -> int:
        """A new parent-tree entry: the elements owning each MCID of one content stream, by MCID."""
        key = self.next_key
        self.next_key += 1
        entries = Array([owners.get(mcid) for mcid in range(max(owners, default=-1) + 1)])
        self.parent_tree.Nums.append(key)
        self.parent_tree.Nums.append(self.target.make_indirect(entries))
        self.tree.ParentTreeNextKey = self.next_key
        return key

    def free_mcid(self, page: pikepdf.Page) -> int:
        """The first MCID the page's own content does not use (the pack's page stamp and banner use the first)."""
        key = page.obj.get("/StructParents")
        if key is None:
            return 0
        if self.used is None:  # read once: a pack of long appendices asks for every one of its pages
            nums = list(self.parent_tree.Nums)
            self.used = {
                int(nums[i]): len(nums[i + 1]) if isinstance(nums[i + 1], Array) else 1
                for i in range(0, len(nums) - 1, 2)
            }
        return self.used.get(int(key), 0)

    def element(self, kind: str, parent: pikepdf.Object, **entries: pikepdf.Object) -> pikepdf.Object:
        fields = {"Type": Name.StructElem, "S": Name("/" + kind), "P": parent, "K": Array(), **entries}
        return self.target.make_indirect(Dictionary({"/" + key: value for key, value in fields.items()}))

    def insert(self, section: pikepdf.Object, first_page: pikepdf.Page) -> None:
        """Put the appendix's section into the pack's tree before the first element on or after its first page."""
        kids = self.tree.K
        document = kids if isinstance(kids, Dictionary) else kids[0] if isinstance(kids, Array) and len(kids) else None
        if document is None or not isinstance(document.get("/K"), Array):
            self.tree.K = Array([section]) if document is None else kids
            section.P = self.tree if document is None else document
            if document is not None:
                document.K = Array([document.K, section])
            return
        at = self.pages[first_page.obj.objgen]
        children = list(document.K)
        position = len(children)
        for index, child in enumerate(children):
            page = self.first_page(child)
            if page is not None and page >= at:
                position = index
                break
        document.K.insert(position, section)
        section.P = document

    def first_page(self, element: pikepdf.Object) -> int | None:
        """The first page an element's content is on, found once for an element of the pack's own."""
        if not element.is_indirect:
            return _first_page(element, self.pages)
        if element.objgen not in self.starts:
            self.starts[element.objgen] = _first_page(element, self.pages)
        return self.starts[element.objgen]


def _first_page(element: pikepdf.Object, pages: dict[tuple[int, int], int], depth: int = 0) -> int | None:
    """The first page an element's content is on (None when it has none)."""
    if depth > MAX_DEPTH or not isinstance(element, Dictionary):
        return None
    if "/Pg" in element and element.Pg.objgen in pages:
        return pages[element.Pg.objgen]
    kids = element.get("/K")
    for kid in list(kids) if isinstance(kids, Array) else [kids] if kids is not None else []:
        found = _first_page(kid, pages, depth + 1)
        if found is not None:
            return found
    return None


class _Copier:
    """A tagged appendix's structure elements, copied into the pack's tree: each marked-content reference points
    into the form that draws its page, and each element ID is prefixed with `prefix`."""

    def __init__(
        self, target: pikepdf.Pdf, source: pikepdf.Pdf, grafter: Grafter, placed: list[Placed], prefix: str
    ) -> None:
        self.target = target
        self.grafter = grafter
        self.prefix = prefix
        self.ids: list[tuple[str, pikepdf.Object]] = []
        self.by_page = {source.pages[index].obj.objgen: spot for index, spot in enumerate(placed)}
        # Each form's marked content is numbered on from the MCIDs of the page it is drawn on, so that every MCID
        # on a page is unique, as readers that do not follow /Stm assume.
        self.offsets = {spot.form.objgen: _renumber(target, spot.form, grafter.free_mcid(spot.page)) for spot in placed}
        self.owners: dict[tuple[int, int], dict[int, pikepdf.Object]] = {spot.form.objgen: {} for spot in placed}
        self.roles = source.Root.StructTreeRoot.get("/RoleMap", Dictionary())

    def kind_of(self, element: pikepdf.Object) -> str:
        kind = str(element.get("/S", "/Span"))
        return str(self.roles.get(kind, kind)) if kind in self.roles else kind

    def marked(self, mcid: int, page: pikepdf.Object | None, owner: pikepdf.Object) -> pikepdf.Object | None:
        spot = self.by_page.get(page.objgen) if page is not None else None
        if spot is None:
            return None
        mcid += self.offsets[spot.form.objgen]
        self.owners[spot.form.objgen][mcid] = owner
        return Dictionary(Type=Name.MCR, Pg=spot.page.obj, MCID=mcid, Stm=spot.form)

    def copy(
        self, element: pikepdf.Object, parent: pikepdf.Object, page: pikepdf.Object | None, depth: int
    ) -> list[pikepdf.Object]:
        """The element copied under `parent` (a source's Document is left out: its children take its place)."""
        if depth > MAX_DEPTH or not isinstance(element, Dictionary):
            return []
        page = element.get("/Pg", page)
        if self.kind_of(element) == "/Document":
            return [new for kid in _kids(element) for new in self.copy(kid, parent, page, depth + 1)]
        new = self.grafter.element(
            str(element.get("/S", "/Span"))[1:],
            parent,
            **{key[1:]: _detached(self.target, element[key], self.prefix) for key in _COPIED if key in element},
        )
        if "/A" in element:
            new.A = _detached(self.target, element.A, self.prefix)
        if "/ID" in element:
            new.ID = String(self.prefix + str(element.ID))
            self.ids.append((str(new.ID), new))
        for kid in _kids(element):
            self.copy_kid(kid, new, page, depth)
        return [new]

    def copy_kid(self, kid: pikepdf.Object, new: pikepdf.Object, page: pikepdf.Object | None, depth: int) -> None:
        """One child of a copied element, put under `new`: an element copied, or a marked-content reference."""
        if isinstance(kid, int):
            reference = self.marked(int(kid), page, new)
        elif isinstance(kid, Dictionary) and "/S" in kid:
            new.K.extend(self.copy(kid, new, page, depth + 1))
            return
        elif isinstance(kid, Dictionary) and "/MCID" in kid and "/Stm" not in kid:
            reference = self.marked(int(kid.MCID), kid.get("/Pg", page), new)
        else:
            reference = None  # an annotation (OBJR) or content nested in the appendix's own forms
        if reference is not None:
            new.K.append(reference)


def graft_tagged(grafter: Grafter, source: pikepdf.Pdf, title: str, placed: list[Placed], prefix: str) -> None:
    """Copy a tagged appendix's structure into the pack's, its content referred to in the forms that draw it; its
    element IDs (and the table headers that name them) are prefixed with `prefix`, unique in the pack."""
    target = grafter.target
    copier = _Copier(target, source, grafter, placed, prefix)
    section = grafter.element("Sect", grafter.tree, T=String(title))
    root = source.Root.StructTreeRoot
    for kid in _kids(root):
        section.K.extend(copier.copy(kid, section, None, 0))
    for spot in placed:
        spot.form.StructParents = grafter.add_parent_entry(copier.owners[spot.form.objgen])
    _merge_roles(target, copier.roles)
    _register_ids(target, copier.ids)
    grafter.insert(section, placed[0].page)


def figure_pages(
    grafter: Grafter, title: str, forms: list[tuple[pikepdf.Page, pikepdf.Object]]
) -> list[pikepdf.Object]:
    """For an untagged appendix: wrap each page's form in one that marks it as a Figure, with alternative text
    naming the appendix and saying it is not accessible; returns the wrapping forms, to be drawn instead."""
    target = grafter.target
    section = grafter.element("Sect", grafter.tree, T=String(title))
    wrappers: list[pikepdf.Object] = []
    for number, (page, form) in enumerate(forms, start=1):
        mcid = grafter.free_mcid(page)
        wrapper = pikepdf.Stream(target, b"/Figure <</MCID %d>> BDC /BpPage Do EMC\n" % mcid)
        wrapper.Type, wrapper.Subtype = Name.XObject, Name.Form
        wrapper.BBox = form.BBox
        if "/Matrix" in form:
            wrapper.BBox = _transformed_box(form.BBox, form.Matrix)
        wrapper.Resources = Dictionary(XObject=Dictionary(BpPage=form))
        wrapper = target.make_indirect(wrapper)
        alt = f"{title}, page {number} of {len(forms)}: {UNTAGGED_NOTE}."
        figure = grafter.element("Figure", section, Alt=String(alt))
        figure.K.append(Dictionary(Type=Name.MCR, Pg=page.obj, MCID=mcid, Stm=wrapper))
        section.K.append(figure)
        wrapper.StructParents = grafter.add_parent_entry({mcid: figure})
        wrappers.append(wrapper)
    grafter.insert(section, forms[0][0])
    return wrappers


def _renumber(target: pikepdf.Pdf, form: pikepdf.Object, offset: int) -> int:
    """Add `offset` to every MCID in the form's content (marked-content properties written inline or named in
    its resources); returns the offset."""
    if offset == 0:
        return 0
    properties = form.get("/Resources", Dictionary()).get("/Properties", Dictionary())
    instructions = []
    for instruction in pikepdf.parse_content_stream(form):  # inline images are kept as they are
        operands, operator = instruction.operands, instruction.operator
        if str(operator) in ("BDC", "DP") and len(operands) == 2:
            props = operands[1]
            if isinstance(props, pikepdf.Name) and props in properties:
                props = properties[props]
            if isinstance(props, Dictionary) and "/MCID" in props:
                changed = Dictionary({k: v for k, v in props.items()})
                changed.MCID = int(props.MCID) + offset
                instruction = pikepdf.ContentStreamInstruction([operands[0], changed], operator)
        instructions.append(instruction)
    form.write(pikepdf.unparse_content_stream(instructions))
    return offset


def _transformed_box(box: pikepdf.Object, matrix: pikepdf.Object) -> Array:
    a, b, c, d, e, f = (float(v) for v in matrix)
    x0, y0, x1, y1 = (float(v) for v in box)
    points = [(a * x + c * y + e, b * x + d * y + f) for x in (x0, x1) for y in (y0, y1)]
    return Array(
        [min(p[0] for p in points), min(p[1] for p in points), max(p[0] for p in points), max(p[1] for p in points)]
    )


def _detached(target: pikepdf.Pdf, value: pikepdf.Object, prefix: str, key: str = "") -> pikepdf.Object:
    """A value of the appendix's copied into the pack: containers rebuilt, indirect objects copied, and the IDs a
    table cell's /Headers names prefixed as the elements' own are."""
    if isinstance(value, Dictionary):
        return Dictionary({k: _detached(target, v, prefix, k) for k, v in value.items()})
    if isinstance(value, Array):
        if key == "/Headers":
            return Array([String(prefix + str(v)) for v in value])
        return Array([_detached(target, v, prefix) for v in value])
    if isinstance(value, pikepdf.Object) and value.is_indirect:
        return target.copy_foreign(value)
    return value


def _register_ids(target: pikepdf.Pdf, ids: list[tuple[str, pikepdf.Object]]) -> None:
    """Add the copied elements' IDs to the pack's ID tree (a name tree: kept in order)."""
    if not ids:
        return
    tree = target.Root.StructTreeRoot
    if "/IDTree" not in tree or "/Names" not in tree.IDTree:
        if "/IDTree" in tree:
            return  # an ID tree of several levels: left as it is (the IDs stay on their elements)
        tree.IDTree = Dictionary(Names=Array())
    names = list(tree.IDTree.Names)
    pairs = [(str(names[i]), names[i + 1]) for i in range(0, len(names) - 1, 2)] + ids
    tree.IDTree.Names = Array(
        [item for name, element in sorted(pairs, key=lambda pair: pair[0].encode()) for item in (String(name), element)]
    )


def _kids(element: pikepdf.Object) -> list[pikepdf.Object]:
    kids = element.get("/K")
    return list(kids) if isinstance(kids, Array) else [] if kids is None else [kids]


def _merge_roles(target: pikepdf.Pdf, roles: pikepdf.Object) -> None:
    """The appendix's own element types, mapped as it maps them (the pack's mapping wins a clash)."""
    if not len(roles):
        return
    tree = target.Root.StructTreeRoot
    if "/RoleMap" not in tree:
        tree.RoleMap = Dictionary()
    for key, value in roles.items():
        if key not in tree.RoleMap:
            tree.RoleMap[key] = value
