"""What kamsite tells a plan's writer, in the site's language.

The English message is written where it is found (kamsite/core, kamsite/shell/loader.py) as
a `Said` template; this table says each one in Brazilian Portuguese, with the same `{names}`.
A test finds every template in the source and checks that each has its translation here.
Keys, ids, YAML words and tokens (`done:`, `kind:contact`, `status: dropped`) stay as
written, since they are what the writer types.
"""

from __future__ import annotations

from dataclasses import replace

from kamsite.core.errors import Problem
from kamsite.core.said import translated

PT_BR: dict[str, str] = {
    # the file and its front matter
    "no such folder of plans": "a pasta de planos não existe",
    "'{id}' is already the id of {path}: give each plan its own id": (
        "'{id}' já é o id de {path}: dê a cada plano o seu próprio id"
    ),
    "is a folder, not a plan file": "é uma pasta, não um arquivo de plano",
    "is a named pipe (FIFO), not a plan file; a plan is a text file": (
        "é um pipe nomeado (FIFO), não um arquivo de plano; um plano é um arquivo de texto"
    ),
    "is a device or socket, not a plan file; a plan is a text file": (
        "é um dispositivo ou socket, não um arquivo de plano; um plano é um arquivo de texto"
    ),
    "is a binary file, not a Markdown plan": "é um arquivo binário, não um plano em Markdown",
    "is a link to a file outside the plans folder; copy the file instead": (
        "é um link para um arquivo fora da pasta de planos; copie o arquivo para ela"
    ),
    "cannot be read: {reason}": "não pode ser lido: {reason}",
    "is {size:,} bytes; a plan may have at most {most:,}": (
        "tem {size} bytes; um plano pode ter no máximo {most}"
    ),
    "is not UTF-8 text: save the file as UTF-8": "não é texto UTF-8: salve o arquivo como UTF-8",
    "has a name that is not UTF-8: rename the file": "tem um nome que não é UTF-8: renomeie o arquivo",
    "cannot be read as a plan": "não pode ser lido como um plano",
    "a plan starts with front matter: a line '---', the YAML, then another '---'": (
        "um plano começa pelo front matter: uma linha '---', o YAML e outra linha '---'"
    ),
    "not closed: add a line '---' after the YAML": (
        "não foi fechado: acrescente uma linha '---' depois do YAML"
    ),
    "too large or too deeply nested (more than {count} values after aliases)": (
        "grande ou aninhado demais (mais de {count} valores depois dos aliases)"
    ),
    "the YAML tag '{tag}' is not allowed: a plan holds plain values": (
        "a tag YAML '{tag}' não é permitida: um plano tem apenas valores simples"
    ),
    "is empty": "está vazio",
    "malformed YAML: {detail}": "YAML malformado: {detail}",
    "a key must be a plain word or date, not a list or mapping": (
        "uma chave deve ser uma palavra ou data simples, não uma lista nem um mapeamento"
    ),
    "duplicate key '{key}' (first given at line {line})": (
        "chave '{key}' repetida (dada primeiro na linha {line})"
    ),
    "contains an invisible control character ({code}): delete it": (
        "contém um caractere de controle invisível ({code}): apague-o"
    ),
    # YAML syntax, in the writer's words
    "malformed YAML: ": "YAML malformado: ",
    " (the YAML reader says: {reason})": " (o leitor de YAML diz: {reason})",
    'put the value in quotes, as in title: "Renewal: phase 2"': (
        'ponha o valor entre aspas, como em title: "Renovação: fase 2"'
    ),
    "this line does not line up with the lines above it: keys of one mapping, and the '-' of one list,"
    " start in the same column (and a value with quotes inside is quoted whole)": (
        "esta linha não está alinhada com as de cima: as chaves de um mesmo mapeamento, e os '-' de uma"
        " mesma lista, começam na mesma coluna (e um valor que contém aspas vai inteiro entre aspas)"
    ),
    "a tab is used for indentation: indent with spaces": "há um tab na indentação: indente com espaços",
    "a ':' followed by a space inside a value: ": "um ':' seguido de espaço dentro de um valor: ",
    "a value cannot start with '{char}': ": "um valor não pode começar com '{char}': ",
    "a quoted value is not closed: add the closing quote": (
        "um valor entre aspas não foi fechado: acrescente as aspas de fechamento"
    ),
    "a list in [ ] is not closed: add the ']', and quote values holding ',', '#' or ':', as in"
    ' ["Acme, Inc."]': (
        "uma lista em [ ] não foi fechada: acrescente o ']', e ponha entre aspas os valores com ',', '#'"
        " ou ':', como em [\"Acme, Inc.\"]"
    ),
    "a mapping in {{ }} is not closed: add the '}}', and quote values holding ',' or ':'": (
        "um mapeamento em {{ }} não foi fechado: acrescente o '}}', e ponha entre aspas os valores com"
        " ',' ou ':'"
    ),
    "a value cannot start with '*' or '&' (YAML reads them as references): ": (
        "um valor não pode começar com '*' nem '&' (o YAML os lê como referências): "
    ),
    "the YAML cannot be read here: check the indentation, and quote values that hold ':'": (
        "o YAML não pode ser lido aqui: confira a indentação e ponha entre aspas os valores com ':'"
    ),
    # values
    "'{value}' is not a safe id: use lowercase letters, digits and '-', starting with a letter or digit": (
        "'{value}' não é um id seguro: use letras minúsculas, dígitos e '-', começando por letra ou dígito"
    ),
    "'{value}' is not a date: write it as YYYY-MM-DD": "'{value}' não é uma data: escreva AAAA-MM-DD",
    "'{value}' is an impossible date": "'{value}' é uma data impossível",
    "'{value}' is outside the dates a plan may use ({first} to {last})": (
        "'{value}' está fora das datas que um plano pode usar ({first} a {last})"
    ),
    "'{value}' is not a number: write it without separators ({plain})": (
        "'{value}' não é um número: escreva sem separadores ({plain})"
    ),
    "'{value}' is not a number": "'{value}' não é um número",
    "'{value}' is not a finite number": "'{value}' não é um número finito",
    "'{value}' is too large: a plan's numbers lie between -10^15 and 10^15": (
        "'{value}' é grande demais: os números de um plano ficam entre -10^15 e 10^15"
    ),
    "'{value}' has {count} significant digits: a plan's numbers have at most {most} significant digits": (
        "'{value}' tem {count} algarismos significativos: os números de um plano têm no máximo {most}"
        " algarismos significativos"
    ),
    "'{value}' is not text: put it in quotes": "'{value}' não é texto: ponha entre aspas",
    "must not be empty": "não pode ficar vazio",
    "'{value}' is not an ISO 4217 currency code such as BRL, EUR or USD": (
        "'{value}' não é um código de moeda ISO 4217 como BRL, EUR ou USD"
    ),
    "'{value}' is not a number of days: write a whole number from 1 to 36500": (
        "'{value}' não é um número de dias: escreva um número inteiro de 1 a 36500"
    ),
    "must be a word, or both forms of one: {{one: hospital, other: hospitais}}": (
        "deve ser uma palavra, ou as suas duas formas: {{one: hospital, other: hospitais}}"
    ),
    "is required": "é obrigatório",
    "must be text: put it in quotes": "deve ser texto: ponha entre aspas",
    "must be a list": "deve ser uma lista",
    "must be a mapping of keys to values": "deve ser um mapeamento de chaves para valores",
    "unknown key.": "chave desconhecida.",
    " Did you mean '{name}'?": " Você quis dizer '{name}'?",
    "must be one of {choices} or {last}": "deve ser {choices} ou {last}",
    "must be {last}": "deve ser {last}",
    # the plan's rules
    "must be after period.start ({start})": "deve ser depois de period.start ({start})",
    "{day} is outside the period {start} to {end}": "{day} está fora do período de {start} a {end}",
    "must differ from baseline (both {value})": "deve ser diferente do baseline (ambos {value})",
    # goals to hold, weights (format v3 §9.1, §9.2)
    "is required: a goal moves to a target (target: 3000000) or holds a band (hold: {{min: 35}})": (
        "é obrigatório: uma meta leva um valor a um alvo (target: 3000000) ou o mantém numa faixa"
        " (hold: {{min: 35}})"
    ),
    "a goal holds a band or moves to a target, not both: remove target ({target}) or hold": (
        "uma meta mantém uma faixa ou leva a um alvo, não as duas coisas: remova target ({target}) ou hold"
    ),
    "give min, max or both: hold: {{min: 35}} keeps the value at or above 35": (
        "dê min, max ou os dois: hold: {{min: 35}} mantém o valor em 35 ou acima"
    ),
    "{min} is above max ({max}): the band runs from min up to max": (
        "{min} é maior que max ({max}): a faixa vai de min até max"
    ),
    "'{goal}' is a goal to hold (a band to keep, not a path to a target): remove its checkpoint": (
        "'{goal}' é uma meta a manter (uma faixa, não um caminho até um alvo): remova o checkpoint"
    ),
    "'{value}' is not a weight: write a number above 0 (a goal without weight counts 1)": (
        "'{value}' não é um peso: escreva um número acima de 0 (uma meta sem peso conta 1)"
    ),
    "is '{status}' but the action has a done date ({done}): set status to done or remove the date": (
        "é '{status}', mas a ação tem data de conclusão ({done}): use status done ou remova a data"
    ),
    "is 'dropped' but the milestone has a done date ({done}): keep one of them": (
        "é 'dropped', mas o marco tem data de conclusão ({done}): fique com um dos dois"
    ),
    "{quarter} starts on {start}, after the period ends ({end})": (
        "{quarter} começa em {start}, depois do fim do período ({end})"
    ),
    "{quarter} would start on {start}, less than a month before the period ends ({end}):"
    " those days belong to {last}": (
        "{quarter} começaria em {start}, menos de um mês antes do fim do período ({end}):"
        " esses dias pertencem ao {last}"
    ),
    "duplicate id '{id}' (first used at line {line})": "id '{id}' repetido (usado primeiro na linha {line})",
    "unknown handle '{value}'.": "pessoa '{value}' desconhecida.",
    "unknown goal '{value}'.": "meta '{value}' desconhecida.",
    "unknown milestone '{value}'.": "marco '{value}' desconhecido.",
    "a second checkpoint for '{goal}' in {quarter} (the first is at line {line}): keep one per goal and"
    " quarter": (
        "um segundo checkpoint para '{goal}' em {quarter} (o primeiro está na linha {line}): mantenha um"
        " por meta e trimestre"
    ),
    "{value} is outside the goal's range, from its baseline ({baseline}) to its target ({target}): check"
    " for a misplaced digit": (
        "{value} está fora da faixa da meta, do baseline ({baseline}) ao alvo ({target}): confira se"
        " há um dígito fora do lugar"
    ),
    "{value} differs from the goal's target ({target}), which is what {quarter} ends with (the period's"
    " end): write the target or remove the checkpoint": (
        "{value} difere do alvo da meta ({target}), que é o valor esperado no fim de {quarter} (o fim do"
        " período): escreva o alvo ou remova o checkpoint"
    ),
    "{day} is after its milestone '{milestone}' is due ({due}, the end of {quarter}): move the date or the"
    " action": (
        "{day} é depois do prazo do seu marco '{milestone}' ({due}, o fim de {quarter}): mude a data ou"
        " a ação"
    ),
    "a {kind} ticked without a done: date never counts: add the day it was done (done:YYYY-MM-DD)": (
        "uma tarefa kind:{kind} marcada sem data done: nunca conta: acrescente o dia em que foi feita"
        " (done:AAAA-MM-DD)"
    ),
    "{written} is read as {value} (decimals take a point in a plan): did you mean {whole}?": (
        "{written} é lido como {value} (num plano, decimais levam ponto): você quis dizer {whole}?"
    ),
    "'{milestone}': {quarter} has started ({as_of}) and the milestone has no non-dropped actions, no done"
    " date, and is not dropped: add its actions, a done date, or status: dropped": (
        "'{milestone}': {quarter} já começou ({as_of}) e o marco não tem ações não descartadas, nem data de"
        " conclusão, nem foi descartado: acrescente as ações, uma data done ou status: dropped"
    ),
    "'{name}' differs from '{first}' in {path}: one handle is one person, so use the same name": (
        "'{name}' difere de '{first}' em {path}: um identificador é uma pessoa, então use o mesmo nome"
    ),
    "{baseline} differs from the last actual of '{goal}' in {path} ({value} on {day}): start where the"
    " previous plan ended": (
        "{baseline} difere do último valor medido de '{goal}' em {path} ({value} em {day}): comece onde"
        " o plano anterior terminou"
    ),
    "no plan has the id '{id}'.": "nenhum plano tem o id '{id}'.",
    "'{id}' is the plan of another account ({other}; this plan is {this}): follow an"
    " earlier plan of the same account, or list its former name in formerly": (
        "'{id}' é o plano de outra conta ({other}; este plano é de {this}): siga um plano"
        " anterior da mesma conta, ou liste o nome antigo em formerly"
    ),
    "a .client section cannot be inside an .internal one, nor an .internal section"
    " inside a .client one: say once who may read it": (
        "uma seção .client não pode estar dentro de uma .internal, nem uma .internal dentro"
        " de uma .client: diga uma só vez quem pode lê-la"
    ),
    "'{id}' leads back to this plan: a chain of plans cannot loop": (
        "'{id}' leva de volta a este plano: uma sequência de planos não pode fechar um ciclo"
    ),
    # tasks in the body
    "the class .internal works only on a '#' heading at the start of a line (not in a quote or a list,"
    " not underlined): move it there": (
        "a classe .internal só funciona num título '#' no início da linha (fora de citações e listas,"
        " sem sublinhado): mova-a para lá"
    ),
    "'#{id}' names no action, so the tasks under it belong to none.": (
        "'#{id}' não nomeia nenhuma ação, então as tarefas abaixo dele não pertencem a nenhuma."
    ),
    "an open task has a done date: tick it ([x]) or remove the date": (
        "uma tarefa aberta tem data de conclusão: marque-a ([x]) ou remova a data"
    ),
    "'{token}' repeats the task's due date: keep one": "'{token}' repete o prazo da tarefa: mantenha um",
    "'{token}' repeats the task's done date: keep one": (
        "'{token}' repete a data de conclusão da tarefa: mantenha uma"
    ),
    "'{token}' repeats the task's kind: keep one": "'{token}' repete o tipo da tarefa: mantenha um",
    "'{token}' repeats the task's owner: keep one": "'{token}' repete o responsável da tarefa: mantenha um",
    "'{token}' repeats the task's action: keep one": "'{token}' repete a ação da tarefa: mantenha uma",
    "unknown kind '{value}': write kind:contact or kind:report": (
        "tipo '{value}' desconhecido: escreva kind:contact ou kind:report"
    ),
    "unknown handle '@{value}'.": "pessoa '@{value}' desconhecida.",
    "unknown action '#{value}'.": "ação '#{value}' desconhecida.",
    "'#{value}' names a milestone, not an action: tag the action the task belongs to": (
        "'#{value}' nomeia um marco, não uma ação: marque a ação a que a tarefa pertence"
    ),
    "'#{value}' names a goal, not an action: tag the action the task belongs to": (
        "'#{value}' nomeia uma meta, não uma ação: marque a ação a que a tarefa pertence"
    ),
    # the command line and its configuration
    "'{value}' is not a whole number of days": "'{value}' não é um número inteiro de dias",
    "{value} days: give from 1 to {most} days": "{value} dias: escolha de 1 a {most} dias",
    "as of {day} ({source})": "data de referência: {day} ({source})",
    "today in {zone}": "hoje em {zone}",
    "today on this machine": "hoje nesta máquina",
    "as_of in {file}": "as_of em {file}",
    " is '{today}'": " é '{today}'",
    "{path}: no such configuration file": "{path}: o arquivo de configuração não existe",
    "{path}: is not a MkDocs configuration (a YAML mapping)": (
        "{path}: não é uma configuração do MkDocs (um mapeamento YAML)"
    ),
    "{path}: plugins.kamsite: its options must be names and values": (
        "{path}: plugins.kamsite: as opções devem ser nomes e valores"
    ),
    # kamsite init
    "not written: plans/ already holds plans": "não escrito: plans/ já tem planos",
    "already there, kept as it was": "já existia, mantido como estava",
    # kamsite build
    "{path}: the kamsite plugin is not in plugins": "{path}: o plugin kamsite não está em plugins",
    "{target}: exists and is not a folder": "{target}: existe e não é uma pasta",
    "{target}: is a mount point, and kamsite replaces the site folder whole; build into a folder inside"
    " it (for example {inside}) and publish that": (
        "{target}: é um ponto de montagem, e o kamsite troca a pasta do site inteira; gere o site numa"
        " pasta dentro dele (por exemplo {inside}) e publique essa"
    ),
    "{target}: cannot write the site: {reason}": "{target}: não dá para escrever o site: {reason}",
    "{target}: refusing to replace a folder that holds the project": (
        "{target}: o kamsite não substitui uma pasta que contém o projeto"
    ),
    "{target}: refusing to build into the project's sources ({source}): choose an output folder"
    " outside docs, plans and .git": (
        "{target}: o kamsite não gera o site dentro das fontes do projeto ({source}): escolha uma pasta"
        " de saída fora de docs, plans e .git"
    ),
    "another build is writing {target}/: try again when it has finished": (
        "outro build está escrevendo {target}/: tente de novo quando ele terminar"
    ),
    # plausibility, Brazilian numbers and handles with accents (format v3 §9.19)
    "'{value}' is not a number: write it as {plain} (a plan writes no thousands separators, and a"
    " point before the decimals)": (
        "'{value}' não é um número: escreva {plain} (num plano, números não levam separador de"
        " milhar, e os decimais vêm depois de um ponto)"
    ),
    "'{value}' is not a safe id: use lowercase letters, digits and '-', starting with a letter or"
    " digit, as in '{near}'": (
        "'{value}' não é um id seguro: use letras minúsculas, dígitos e '-', começando por letra ou"
        " dígito, como em '{near}'"
    ),
    "{value} is {progress}% of the way from the baseline ({baseline}) to the target ({target}), more"
    " than 300%: check for a misplaced digit": (
        "{value} seria {progress}% do caminho do baseline ({baseline}) ao alvo ({target}), mais de"
        " 300%: confira se há um dígito fora do lugar"
    ),
    "{value} is {progress}% of the way from the baseline ({baseline}) to the target ({target}), below"
    " -200%: check for a misplaced digit": (
        "{value} seria {progress}% do caminho do baseline ({baseline}) ao alvo ({target}), abaixo de"
        " -200%: confira se há um dígito fora do lugar"
    ),
    "{value} is more than 10 times the previous actual ({previous}): check for a misplaced digit": (
        "{value} é mais de 10 vezes o realizado anterior ({previous}): confira se há um dígito fora do lugar"
    ),
    "{value} is less than a tenth of the previous actual ({previous}): check for a misplaced digit": (
        "{value} é menos de um décimo do realizado anterior ({previous}): confira se há um dígito"
        " fora do lugar"
    ),
    "{done} is more than 366 days before the period starts ({start}): check the year": (
        "{done} fica mais de 366 dias antes do início do período ({start}): confira o ano"
    ),
    "{done} is {days} days from its due date ({due}): check the year": (
        "{done} fica a {days} dias do prazo ({due}): confira o ano"
    ),
    # the relationship map (format v3 §9.15)
    "'{token}' repeats whom the task met: name them all in one, as in with:cfo,buyer": (
        "'{token}' repete com quem a tarefa se reuniu: nomeie todos num só, como em with:cfo,buyer"
    ),
    "unknown stakeholder '{value}'.": "stakeholder '{value}' desconhecido.",
    "with: names the people a client contact met, and this task is not one: add kind:contact (or 📞),"
    " or remove with:": (
        "with: nomeia as pessoas que um contato com o cliente encontrou, e esta tarefa não é um:"
        " acrescente kind:contact (ou 📞), ou remova with:"
    ),
}

TABLES: dict[str, dict[str, str]] = {"en": {}, "pt_BR": PT_BR}


def message(text: str, locale: str) -> str:
    """A message in the locale's words (English where it has none)."""
    return translated(text, TABLES.get(locale, {}))


def said(problem: Problem, locale: str) -> str:
    """`path:line: field: message` with the message in the locale's words."""
    return str(replace(problem, message=message(problem.message, locale)))
